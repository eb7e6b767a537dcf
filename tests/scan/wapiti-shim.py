# Runs Debian's wapiti 3.0.4 with one fix: its --exclude patterns compile to a regular expression
# with the flags at the end ("\Z(?ms)"), which Python 3.11 refuses, so any -x crashes the scan.
# The scan must exclude /logout (the crawler submits forms, and that one ends the session).
import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def wildcard_translate(pattern):
    return re.compile('(?ms)' + ''.join('.*' if char == '*' else re.escape(char) for char in pattern) + r'\Z')


crawler.wildcard_translate = wildcard_translate
sys.exit(wapiti_main())
