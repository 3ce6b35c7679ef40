#!/usr/bin/python3
"""The commands of the README and the manual: every one names files that exist, the quick
ones run as written.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    test_commands.py --source DIR --bendsim PATH --work FOLDER

Reads the fenced code blocks of README.md and doc/*.md (a line ending in a backslash
continues on the next) and takes every line that starts like a command: build/bendsim,
mpirun, ./setup.sh, cmake, ctest, /usr/bin/python3, postprocess/..., xvfb-run.

1. Every command: the script it runs exists (postprocess/x.py, doc/x.py, ./setup.sh),
   and is executable when it is called directly; every file it names under parameters/,
   postprocess/, meshes/, doc/ or tests/, and every other relative path to a case, sweep
   description, mesh or script (.prm, .json, .msh, .geo, .py, .sh) but under output/ and
   build/, exists. Words with a placeholder (<case>, [-o results.csv], ...) are not checked.
2. The quick ones run as written, in FOLDER, which holds links to the source's
   parameters/, postprocess/, meshes/ and doc/ and a build/bendsim that is PATH, so that
   their output stays there: the README's five-minute tour (a 1000-cycle fatigue run on
   2 ranks, the listing of its output and its history plot) and the manual's
   `build/bendsim --help | --version | --print-parameters | --validate <case>` lines.
   Each must exit with status 0; a `# -> FILE` comment names a file the command must
   write, and an `ls FOLDER/  # a, b, ...` comment files that must be in FOLDER.

./setup.sh, cmake and ctest lines are checked but not run: they are what runs this test.
"""

import argparse
import glob
import os
import re
import shlex
import subprocess
import sys

COMMAND_START = re.compile(r"^(build/bendsim|mpirun|\./setup\.sh|cmake|ctest|/usr/bin/python3|"
                           r"postprocess/\S+\.(py|sh)\b|xvfb-run|ls )")
# A word that names a file of the source: under one of its folders, or any relative path
# to a case, sweep, mesh or script (output/ and build/ are written by the runs).
SOURCE_PATH = re.compile(r"^((parameters|postprocess|meshes|doc|tests)/[\w./-]+|"
                         r"[\w.-]+(/[\w.-]+)+\.(json|prm|msh|geo|py|sh))$")
RUN_OUTPUT = ("output/", "build/")
PLACEHOLDER = re.compile(r"[<>\[\]]|\.\.\.|\$")
QUICK_BENDSIM = re.compile(r"^build/bendsim --(help|version|print-parameters|validate \S+)\s*(#|$)")
README_TOUR = "## A five-minute tour"


class Failure(Exception):
    pass


def code_blocks(path):
    """[(first line number, [lines])] of the fenced code blocks of a Markdown file, with
    backslash continuations joined."""
    blocks, block, start, inside = [], [], 0, False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.lstrip().startswith("```"):
                if inside:
                    blocks.append((start, block))
                inside, block, start = not inside, [], number + 1
                continue
            if inside:
                line = line.rstrip("\n")
                if block and block[-1].endswith("\\"):
                    block[-1] = block[-1][:-1].rstrip() + " " + line.strip()
                else:
                    block.append(line)
    return blocks


def commands_of(path):
    """[(line number, command)] of a Markdown file's code blocks."""
    found = []
    for start, lines in code_blocks(path):
        for offset, line in enumerate(lines):
            if COMMAND_START.match(line.strip()):
                found.append((start + offset, line.strip()))
    return found


def split(command):
    """The words of a command, without its comment."""
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split("#")[0].split()


def check_names(command, source):
    """Messages for the files a command names that do not exist (empty: all exist)."""
    words = split(command)
    problems = []
    if not words:
        return problems
    program = words[0]
    if program.startswith(("postprocess/", "doc/", "./")):
        path = os.path.join(source, program)
        if not os.path.isfile(path):
            problems.append(f"{program}: no such file")
        elif not os.access(path, os.X_OK):
            problems.append(f"{program} is not executable (chmod +x), so it cannot run as "
                            "written")
    for word in words[1:]:
        if SOURCE_PATH.match(word) and not PLACEHOLDER.search(word) \
                and not word.startswith(RUN_OUTPUT):
            if not os.path.exists(os.path.join(source, word)):
                problems.append(f"{word}: no such file or folder")
    return problems


def is_quick(path, line_number, command, tour_lines):
    if QUICK_BENDSIM.match(command):
        return True
    return os.path.basename(path) == "README.md" and line_number in tour_lines


def readme_tour_lines(readme):
    """The line numbers of the README's five-minute tour section."""
    lines = set()
    inside = False
    with open(readme, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith("## "):
                inside = line.strip() == README_TOUR
            elif inside:
                lines.add(number)
    return lines


def prepare_work(work, source, bendsim):
    os.makedirs(os.path.join(work, "build"), exist_ok=True)
    for name in ("parameters", "postprocess", "meshes", "doc"):
        link = os.path.join(work, name)
        if not os.path.lexists(link):
            os.symlink(os.path.join(source, name), link)
    link = os.path.join(work, "build", "bendsim")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(bendsim, link)


def run_quick(command, work, where):
    environment = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
                       OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OPENBLAS_NUM_THREADS="1",
                       OMPI_MCA_rmaps_base_oversubscribe="1")
    print(f"$ {command}", flush=True)
    result = subprocess.run(["bash", "-c", command], cwd=work, env=environment,
                            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    tail = "\n".join("  | " + line for line in output.splitlines()[-15:])
    if result.returncode != 0:
        raise Failure(f"{where}: `{command}` exited with status {result.returncode}\n{tail}")
    comment = command.split("#", 1)[1].strip() if "#" in command else ""
    words = split(command)
    if comment.startswith("->"):
        written = comment[2:].strip().split()[0]
        if not os.path.exists(os.path.join(work, written)):
            raise Failure(f"{where}: `{command}` did not write {written}\n{tail}")
    elif words and words[0] == "ls" and comment:
        folder = os.path.join(work, words[-1])
        for name in (n.strip() for n in comment.split(",")):
            if name and not PLACEHOLDER.search(name) and \
                    not os.path.exists(os.path.join(folder, name)):
                raise Failure(f"{where}: {words[-1]} has no {name}, which the comment lists")
    print(f"  ok (exit status 0)", flush=True)


def main():
    parser = argparse.ArgumentParser(description="Check and run the documented commands.")
    parser.add_argument("--source", required=True, help="the source tree")
    parser.add_argument("--bendsim", required=True, help="the bendsim executable")
    parser.add_argument("--work", required=True, help="folder for the runs' output")
    args = parser.parse_args()
    source, work = os.path.abspath(args.source), os.path.abspath(args.work)
    readme = os.path.join(source, "README.md")
    files = [readme] + sorted(glob.glob(os.path.join(source, "doc", "*.md")))
    tour = readme_tour_lines(readme)

    problems, quick = [], []
    count = 0
    for path in files:
        for line_number, command in commands_of(path):
            count += 1
            where = f"{os.path.relpath(path, source)}:{line_number}"
            problems += [f"{where}: {message}  [{command}]"
                         for message in check_names(command, source)]
            if is_quick(path, line_number, command, tour):
                quick.append((where, command))
    print(f"{count} commands in {len(files)} files; {len(problems)} name missing files")
    for problem in problems:
        print("  " + problem)

    prepare_work(work, source, os.path.abspath(args.bendsim))
    failures = []
    for where, command in quick:
        try:
            run_quick(command, work, where)
        except (Failure, subprocess.TimeoutExpired) as failure:
            failures.append(str(failure))
            print(f"  FAILED: {failure}", flush=True)
    print(f"{len(quick)} quick commands run, {len(failures)} failed")
    if not quick:
        failures.append("no quick command found (the README's tour section moved?)")
    return 1 if problems or failures else 0


if __name__ == "__main__":
    sys.exit(main())
