#!/usr/bin/env python3
"""Sums JUnit XML reports (Surefire, bnd-testing, lab scripts).

usage: sum-junit.py LABEL FILE...   prints "LABEL: T tests, P passed, F failed, S skipped (N files)"
and a machine line "COUNTS P F S" on stdout. Unreadable files count as one failure each.
"""
import sys
import xml.etree.ElementTree as ET


def suites(root):
    if root.tag == "testsuite":
        yield root
    elif root.tag == "testsuites":
        yield from root.iter("testsuite")


def main():
    label, files = sys.argv[1], sys.argv[2:]
    tests = failed = skipped = 0
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except (ET.ParseError, OSError) as e:
            print(f"{label}: cannot read {f}: {e}", file=sys.stderr)
            failed += 1
            tests += 1
            continue
        for s in suites(root):
            if s.find("testsuite") is not None:
                continue  # a container; its children are counted
            tests += int(s.get("tests", 0))
            failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
            skipped += int(s.get("skipped", 0))
    passed = tests - failed - skipped
    print(f"{label}: {tests} tests, {passed} passed, {failed} failed, {skipped} skipped ({len(files)} report files)",
          file=sys.stderr)
    print(f"COUNTS {passed} {failed} {skipped}")


if __name__ == "__main__":
    main()
