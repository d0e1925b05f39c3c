from pathlib import Path

import migforum.documents

DATA = Path(migforum.documents.__file__).parent / "data"
SEED_TEXT = (DATA / "hld_2006_and_beyond.txt").read_text(encoding="utf-8")
STATEMENTS = DATA / "ungdc_session61_2006"
