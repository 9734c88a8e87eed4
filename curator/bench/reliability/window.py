"""A scripted "window" for the journal loops: a real Workspace, driven by steps from argv, that can crash.

    python -m curator.bench.reliability.window CORPUS STEP…

Steps: ``open:DOC``, ``label:DOC:SEG:LABEL`` (one edit), ``journal:DOC:SEG:LABEL`` (wait until the
journal on disk holds that edit), ``save:DOC``, ``report`` (print the recoverable entries as JSON),
``scan`` (print what the corpus pane would show as problems),
``signal:FILE`` / ``await:FILE`` (coordinate two windows), ``crash`` (``os._exit``: nothing is
cleaned up, as after kill -9), ``quit`` (a clean exit without saving). A step that fails prints
``STEP-FAILED`` with the reason and the window carries on.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def journal_holds(folder: Path, doc: str, seg: str, label: str) -> bool:
    """True when some journal entry under ``folder`` holds ``seg`` of ``doc`` with ``label``."""
    from curator.core.journal import RunJournal

    reader = RunJournal(folder, run_id="bench-reader")
    for path in folder.glob("*.journal.json"):
        cur = reader.peek(path)
        if cur is not None and cur.document.id == doc and any(
                s.id == seg and s.label == label for s in cur.segments):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from curator.core.edit import SetLabel
    from curator.core.store import Corpus
    from curator.gui.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    corpus = Corpus(argv[0])
    problems: list[str] = []
    ws = Workspace(corpus)
    ws.autosave_enabled = False
    ws.sig_problem.connect(lambda title, text: problems.append(f"{title}: {text}"))
    folder = getattr(ws.journal, "folder", corpus.state_dir / "journal")

    def spin(until, timeout: float) -> bool:  # noqa: ANN001
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            if until():
                return True
            time.sleep(0.005)
        return until()

    for step in argv[1:]:
        verb, _, rest = step.partition(":")
        parts = rest.split(":")
        if verb == "open":
            if ws.open(parts[0]) is None:
                print(f"STEP-FAILED {step}: {problems[-1:] }", flush=True)
        elif verb == "label":
            doc = ws.docs.get(parts[0]) or ws.open(parts[0])
            if doc is None or not ws.push(SetLabel([parts[1]], parts[2]), doc=doc):
                print(f"STEP-FAILED {step}", flush=True)
        elif verb == "journal":
            if not spin(lambda: journal_holds(folder, *parts), 5.0):
                print(f"STEP-FAILED {step}: not journaled within 5 s", flush=True)
        elif verb == "save":
            if not ws.save(ws.docs[parts[0]], quiet=True):
                print(f"STEP-FAILED {step}: {problems[-1:]}", flush=True)
        elif verb == "report":
            entries = ws.recoverable()
            out = []
            for e in entries:
                labels = {s.id: s.label for s in e.curation.segments} if e.curation is not None else {}
                out.append({"doc": e.doc_id, "labels": labels, "problem": e.problem})
            print("REPORT " + json.dumps(out), flush=True)
        elif verb == "scan":
            # what the corpus pane shows once the background parse has read every new source
            from curator.gui.jobs import ParseCorpusJob

            job = ParseCorpusJob(corpus.root, [d for d, s in ws.summaries.items() if s.status == "new"])
            unreadable: list[str] = []
            # Results come in batches (lists of (doc_id, Curation or problem)), as the corpus pane reads them.
            job.signals.sig_result.connect(lambda batch: unreadable.extend(
                f"{doc_id}: {what}" for doc_id, what in batch if isinstance(what, str)))
            job.work()
            shown = [f"{s.doc_id}: {s.problem}" for s in ws.summaries.values() if s.problem] + unreadable
            shown += [str(x) for x in getattr(ws, "scan_problems", [])]
            shown += problems
            print("SCAN " + json.dumps(shown), flush=True)
        elif verb == "signal":
            Path(rest).touch()
        elif verb == "await":
            if not spin(lambda: Path(rest).exists(), 30.0):
                print(f"STEP-FAILED {step}: timed out", flush=True)
        elif verb == "crash":
            sys.stdout.flush()
            os._exit(0)
        elif verb == "quit":
            break
        else:
            print(f"STEP-FAILED unknown step {step}", flush=True)
    print("PROBLEMS " + json.dumps(problems), flush=True)
    sys.stdout.flush()
    os._exit(0)  # a window closed without saving: whatever is unsaved stays journaled


if __name__ == "__main__":
    sys.exit(main())
