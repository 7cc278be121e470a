"""Hard-wrap a report like /work/shared/meeting-report.txt: every paragraph is
broken at a word boundary near WIDTH characters (mid-sentence), and every
resulting line is separated from the next by one blank line (so paragraph
breaks and wrap breaks look identical)."""
import sys, textwrap
WIDTH = 90
src, dst = sys.argv[1], sys.argv[2]
paras = [p.strip() for p in open(src, encoding='utf-8').read().split('\n') if p.strip()]
lines = []
for p in paras:
    lines.extend(textwrap.wrap(p, width=WIDTH, break_long_words=False, break_on_hyphens=False))
open(dst, 'w', encoding='utf-8').write('\n\n'.join(lines) + '\n')
