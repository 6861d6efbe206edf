"""The gradebook of a graded class and the files made from it: per exercise, per student (with the LMS formats),
per submission, and a feedback file for each student; and the printed summary.

Every file is written at the end, through the project's rule (``newsreader.files.Written``: atomically; a file
someone changed since is kept and the new one gets the next free name); every CSV cell that a spreadsheet would read
as a formula is written as text (``newsreader.files.csv_table``).
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from judging import Run, one_line
from newsreader.sheets import CODING_EXERCISES, as_csv_text, sheet_problem, unit_ids
from newsreader.exercises import EXERCISES
from newsreader.files import Written, csv_table, sha256

VERDICTS = ("correct", "incorrect", "not attempted", "error", "coded")
EARNING = ("correct", "coded")  # the verdicts that earn an exercise's points
RECORD = ".grade-record.json"
ANOTHER_CHAPTER = "another chapter"  # how the problem of a notebook of another chapter than the class's begins


@dataclass
class Submission:
    name: str  # path inside SUBMISSIONS
    student: str
    chapter: object = None  # the grade.Chapter it is, if known
    notebook: object = None
    problem: str = ""  # why it cannot be run (unreadable, unknown chapter)
    flags: list[str] = field(default_factory=list)
    run: Run | None = None


@dataclass
class Gradebook:
    rows: list[dict] = field(default_factory=list)  # student, submission, chapter, exercise, verdict, points, ...
    submissions: list[Submission] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # file, student, reason
    weights: dict[str, float] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # files that changed while grading (never, we hope)
    protections: tuple[list[str], list[str]] = ([], [])
    chapter: object = None  # the grade.Chapter the class is graded on: its exercises are every student's maximum
    chapter_reason: str = ""  # how it was chosen (given, or the chapter of most notebooks)
    unmatched_ids: int = 0  # file names the student-id pattern did not match
    renamed: list[str] = field(default_factory=list)  # results written under another name: someone changed the file


def best_rows(gradebook: Gradebook) -> dict[str, dict[str, dict]]:
    """For each student, for each exercise of the class, the row with the most points (the first such)."""
    best = {}
    for row in gradebook.rows:
        kept = best.setdefault(row["student"], {}).get(row["exercise"])
        if kept is None or row["points"] > kept["points"]:
            best[row["student"]][row["exercise"]] = row
    return best


def maximum(gradebook: Gradebook) -> float:
    """Every student's maximum: the points of the exercises of the class's chapter."""
    return sum(gradebook.weights.get(exercise_id, 0.0) for exercise_id in gradebook.chapter.ids) \
        if gradebook.chapter else 0.0


def totals(gradebook: Gradebook) -> list[dict]:
    """One row per student who handed in a notebook: score, and the maximum (the same for everyone)."""
    best = best_rows(gradebook)
    students = list(dict.fromkeys(submission.student for submission in gradebook.submissions))
    result = []
    for student in sorted(students, key=str.casefold):
        mine = best.get(student, {})
        files = [s.name for s in gradebook.submissions if s.student == student]
        flagged = sorted({flag for s in gradebook.submissions if s.student == student for flag in s.flags})
        result.append({"student": student, "score": number(sum(row["points"] for row in mine.values())),
                       "maximum": number(maximum(gradebook)), "submissions": len(files), "flags": "; ".join(flagged)})
    return result


def number(value: float) -> str:
    return f"{value:g}"


def exercise_summary(gradebook: Gradebook) -> list[dict]:
    """One row per exercise, hardest first: lowest share of correct answers (coding exercises, never wrong, last)."""
    order = {exercise_id: position for position, exercise_id in enumerate(EXERCISES)}
    counts = {}
    for row in gradebook.rows:
        if row["exercise"]:
            counts.setdefault(row["exercise"], Counter())[row["verdict"]] += 1

    def difficulty(item):
        """Coding exercises last; then the lowest share correct, the most answers incorrect, the book's order."""
        exercise_id, count = item
        return (exercise_id in CODING_EXERCISES, count["correct"] / count.total(), -count["incorrect"],
                order.get(exercise_id, len(order)))

    return [{"exercise": exercise_id, "submissions": count.total(), **{v: count[v] for v in VERDICTS},
             "share correct": f"{count['correct'] / count.total():.2f}"}
            for exercise_id, count in sorted(counts.items(), key=difficulty)]


def per_submission(gradebook: Gradebook) -> list[dict]:
    result = []
    for submission in gradebook.submissions:
        mine = [row for row in gradebook.rows if row["submission"] == submission.name]
        counts = Counter(row["verdict"] for row in mine)
        run = submission.run
        problems = submission.problem or (run.stopped if run else "")
        if run and run.failures:
            problems = "; ".join(filter(None, [problems, failures_line(run)]))
        result.append({"submission": submission.name, "student": submission.student,
                       "chapter": submission.chapter.name if submission.chapter else "",
                       **{v: counts[v] for v in VERDICTS}, "points": number(sum(row["points"] for row in mine)),
                       "seconds": f"{run.seconds:.1f}" if run else "", "problems": one_line(problems),
                       "flags": "; ".join(submission.flags)})
    return result


def failures_line(run: Run) -> str:
    return "; ".join(f"cell {number} {failure}" for number, failure in sorted(run.failures.items()))


def canvas_rows(total_rows: list[dict], title: str) -> list[list[str]]:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment's column, and a
    "Points Possible" row. Canvas matches a row by ID (its user number), else by SIS Login ID: a numeric student id
    goes to ID, any other to SIS Login ID."""
    possible = total_rows[0]["maximum"] if total_rows else "0"
    table = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title],
             ["Points Possible", "", "", "", "", possible]]
    for row in total_rows:
        numeric = row["student"].isdigit()
        table.append(["", row["student"] if numeric else "", "", "" if numeric else row["student"], "", row["score"]])
    return table


def moodle_rows(total_rows: list[dict], graded_at: str) -> list[list[str]]:
    """Moodle's assignment grading worksheet (Upload grading worksheet): Identifier ("Participant <number>"), Grade,
    Maximum Grade, Last modified (grade), Feedback comments."""
    table = [["Identifier", "Full name", "Grade", "Maximum Grade", "Last modified (grade)", "Feedback comments"]]
    for row in total_rows:
        table.append([f"Participant {row['student']}", "", row["score"], row["maximum"], graded_at,
                      f"{row['score']} of {row['maximum']} points; see your feedback file for each exercise."])
    return table


def feedback(student: str, gradebook: Gradebook) -> str:
    """A student's feedback file: each exercise's verdict, points and message; what went wrong in their runs."""
    mine = [s for s in gradebook.submissions if s.student == student]
    best = best_rows(gradebook).get(student, {})
    score = sum(row["points"] for row in best.values())
    lines = [f"Feedback for {student}", "", f"Score: {number(score)} of {number(maximum(gradebook))} points."]
    for submission in mine:
        lines += ["", f"{submission.name}" + (f" (chapter {submission.chapter.name})" if submission.chapter else "")]
        if submission.problem:
            lines.append(f"  This notebook could not be graded: {submission.problem}")
        elif submission.run:
            if submission.run.stopped:
                lines.append(f"  The run ended early: {submission.run.stopped}")
            lines += [f"  Cell {number} {failure}" for number, failure in sorted(submission.run.failures.items())]
        for row in gradebook.rows:
            if row["submission"] == submission.name and row["exercise"]:
                message = f": {row['message']}" if row["message"] else ""
                lines.append(f"  {row['exercise']}: {row['verdict']} ({number(row['points'])} of "
                             f"{number(row['max_points'])}){message}")
    return "\n".join(lines) + "\n"


def dict_csv(rows: list[dict], columns: list[str]) -> str:
    return csv_table([columns] + [[str(row[column]) for column in columns] for row in rows])


def safe_file_name(student: str) -> str:
    return re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"


def coding_sheet(exercise_id: str, sheet) -> str | None:
    """A coded sheet as ``save_coding`` would write it (run in the judging's child process, where answers are read)."""
    spec = CODING_EXERCISES.get(exercise_id)
    return as_csv_text(sheet, spec) if spec and sheet_problem(sheet, spec, unit_ids(spec)) is None else None


def coding_sheets(gradebook: Gradebook) -> dict[str, str]:
    """Each student's coding sheets by path in OUT (``coding/<exercise>/<student>.csv``): one hand-in feeds both
    commands (``agreement OUT/coding/<exercise>``)."""
    return {f"coding/{row['exercise']}/{safe_file_name(row['student'])}.csv": row["sheet"]
            for row in gradebook.rows if row.get("sheet")}


def write_reports(gradebook: Gradebook, out: Path, title: str) -> list[Path]:
    """Write every output file through the project's rule (atomically; a file someone changed is kept)."""
    out.mkdir(parents=True, exist_ok=True)
    record = Written(out, RECORD)
    total_rows = totals(gradebook)
    files = {
        "gradebook.csv": dict_csv([{**row, "points": number(row["points"]), "max_points": number(row["max_points"])}
                                   for row in gradebook.rows],
                                  ["student", "submission", "chapter", "exercise", "verdict", "points", "max_points",
                                   "message", "flags"]),
        "totals.csv": dict_csv(total_rows, ["student", "score", "maximum", "submissions", "flags"]),
        "canvas.csv": csv_table(canvas_rows(total_rows, title)),
        "moodle.csv": csv_table(moodle_rows(total_rows, datetime.now().strftime("%Y-%m-%d %H:%M:%S"))),
        "submissions.csv": dict_csv(per_submission(gradebook), ["submission", "student", "chapter", *VERDICTS, "points",
                                                                "seconds", "problems", "flags"]),
        "exercises.csv": dict_csv(exercise_summary(gradebook), ["exercise", "submissions", *VERDICTS, "share correct"]),
        "skipped.csv": dict_csv(gradebook.skipped, ["file", "student", "reason"]),
    }
    used = set()
    for row in total_rows:
        name = safe_file_name(row["student"])
        while name.casefold() in used:
            name += "_"
        used.add(name.casefold())
        files[f"feedback/{name}.txt"] = feedback(row["student"], gradebook)
    files |= coding_sheets(gradebook)
    written = [record.write(name, content) for name, content in files.items()]
    gradebook.renamed = [path.name for name, path in zip(files, written) if path.relative_to(out).as_posix() != name]
    record.save()
    return written


def summary(gradebook: Gradebook, written: list[Path], seconds: float) -> str:
    counts = Counter(row["verdict"] for row in gradebook.rows)
    graded = [s for s in gradebook.submissions if not s.problem]
    lines = [f"Graded {len(graded)} notebook(s) of {len({s.student for s in gradebook.submissions})} student(s) in "
             f"{seconds:.0f} s: " + ", ".join(f"{counts[v]} {v}" for v in VERDICTS) + "."]
    hardest = [row for row in exercise_summary(gradebook) if row["exercise"] not in CODING_EXERCISES][:3]
    if hardest:
        lines.append("Hardest exercises: " + ", ".join(f"{row['exercise']} ({row['correct']} of "
                                                        f"{row['submissions']} correct)" for row in hardest) + ".")
    if gradebook.chapter:
        lines.append(f"Chapter {gradebook.chapter.name} ({gradebook.chapter_reason}): every student's maximum is "
                     f"{number(maximum(gradebook))} points.")
    elsewhere = [s for s in gradebook.submissions if s.problem.startswith(ANOTHER_CHAPTER)]
    if elsewhere:
        lines.append(f"{len(elsewhere)} notebook(s) of another chapter, not run (an error row for each exercise, with "
                     "the reason): " + listed([f"{s.name} ({s.chapter.name})" for s in elsewhere]))
    unreadable = [s for s in gradebook.submissions if s.problem and s not in elsewhere]
    if unreadable:
        lines.append(f"{len(unreadable)} notebook(s) could not be graded (every exercise an error, with the reason): "
                     + listed([s.name for s in unreadable]))
    flagged = [s for s in gradebook.submissions if s.flags]
    if flagged:
        lines.append(f"Flagged as looking copied (see the flags column): {listed([s.name for s in flagged])}")
    if gradebook.skipped:
        lines.append(f"Skipped {len(gradebook.skipped)} file(s) that are not notebooks (skipped.csv): "
                     + listed([row["file"] for row in gradebook.skipped]))
    if gradebook.unmatched_ids:
        lines.append(f"{gradebook.unmatched_ids} file name(s) did not match --student-id: their path is the student "
                     "id.")
    have, missing = gradebook.protections
    lines.append("Each run had " + "; ".join(have) + ".")
    if missing:
        lines.append("MISSING protections: " + "; ".join(missing) + ".")
    if gradebook.changed:
        lines.append("WARNING: these files changed while the class was graded (a submission wrote to them?): "
                     + listed(gradebook.changed) + ". Restore them before you trust this grading or grade again.")
    else:
        lines.append("data/, book/, the keys' copy and every submission file are byte-for-byte unchanged.")
    gradebook_file = next((path for path in written if path.name.startswith("gradebook")), None)
    lines.append(f"Written in {written[0].parent if written else ''}: {len(written)} file(s)"
                 + (f"; {gradebook_file.name} has sha256 {sha256(gradebook_file)[:16]}" if gradebook_file else "")
                 + ".")
    if gradebook.renamed:
        lines.append("Kept files someone changed in OUT; the new results are in " + listed(gradebook.renamed) + ".")
    return "\n".join(lines)


def listed(names: list[str], shown: int = 10) -> str:
    """At most ``shown`` names, then how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
