"""The book's shared definitions of word, sentence and paragraph."""
from newsreader import paragraphs, sentences, words


def test_words_keep_numbers_contractions_and_hyphens_whole():
    assert words("It's a well-known 1,000-word example, isn't it?") == ["It's", "a", "well-known", "1,000-word", "example", "isn't", "it"]


def test_curly_apostrophe_and_abbreviation():
    assert words("Bukele’s U.S. deal: $6 million.") == ["Bukele’s", "U.S", "deal", "6", "million"]


def test_sentences_split_after_stops_and_closing_quotes():
    text = 'He said "We\'ve got space." It\'s not big enough! Is it? Yes.'
    assert sentences(text) == ['He said "We\'ve got space."', "It's not big enough!", "Is it?", "Yes."]


def test_sentences_do_not_split_after_abbreviations_or_before_lowercase():
    text = "The U.S. Homeland Security Secretary spoke. The U.S. will pay."
    assert sentences(text) == ["The U.S. Homeland Security Secretary spoke.", "The U.S. will pay."]


def test_paragraphs_are_non_empty_lines():
    assert paragraphs("  One.\n\n\nTwo.  \n") == ["One.", "Two."]


def test_an_abbreviation_ends_a_sentence_when_a_sentence_opener_follows():
    text = "They must request asylum there before doing so in the U.S. Among the deportees could be gang members."
    assert sentences(text) == ["They must request asylum there before doing so in the U.S.",
                               "Among the deportees could be gang members."]
