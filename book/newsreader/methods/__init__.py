"""The book's methods, one module per family: pure functions over texts and DataFrames.

The chapters build each method step by step on a small case and then call the tested implementation here;
the exercise keys, the toolkit (``newsreader.story``) and the grader call the same functions.
"""
