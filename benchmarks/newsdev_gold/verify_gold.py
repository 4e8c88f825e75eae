#!/usr/bin/env python3
"""Check the newsdev gold files against the corpus (standard library only).

Usage: python3 verify_gold.py [corpus_dir]   (default: ../../../shared/newsdev relative to this file)
"""
import json, os, re, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'newsdev'))
KINDS = {'count', 'quantity', 'money', 'percent', 'date', 'duration'}
MODS = {'reported', 'projected', 'planned', 'denied', 'hedged', 'corrected'}
DTYPES = {'conflict', 'change_over_time', 'modality_only', 'resolved_by_correction'}
ISO = re.compile(r'^\d{4}-\d{2}-\d{2}$')

def bound_ok(v, kind):
    if v is None: return True
    if kind == 'date': return isinstance(v, str) and bool(ISO.match(v))
    return isinstance(v, (int, float)) and not isinstance(v, bool)

errors = 0
def err(*a):
    global errors
    errors += 1
    print('ERROR', *a)

for path in sorted(glob.glob(os.path.join(HERE, '*.json'))):
    g = json.load(open(path, encoding='utf-8'))
    name = g['cluster']
    if os.path.basename(path) != name + '.json': err(path, 'file name does not match cluster')
    man = json.load(open(os.path.join(CORPUS, name, 'manifest.json'), encoding='utf-8'))
    texts = {d['id']: open(os.path.join(CORPUS, name, d['file']), encoding='utf-8').read().replace('\r\n', '\n')
             for d in man['documents']}
    def check_quote(o, where):
        t = texts.get(o['doc'])
        if t is None: err(where, 'unknown doc', o['doc']); return
        if t[o['start']:o['end']] != o['value_text']: err(where, 'offsets do not give value_text', o['doc'])
        if o['quote'] not in t: err(where, 'quote not in', o['doc'], repr(o['quote']))
        if o['value_text'] not in o['quote']: err(where, 'value_text not in quote', repr(o['value_text']))
        if len(re.findall(r"[A-Za-z0-9']+", o['quote'])) > 9:
            err(where, 'quote longer than a few words', repr(o['quote']))   # no run of the article's text
    nobs = 0
    for f in g['facts']:
        if f['kind'] not in KINDS: err(name, f['key'], 'bad kind')
        if not isinstance(f['time_varying'], bool): err(name, f['key'], 'bad time_varying')
        if len({o['doc'] for o in f['observations']}) < 2: err(name, f['key'], 'fewer than 2 documents')
        for i, o in enumerate(f['observations']):
            w = '%s %s#%d' % (name, f['key'], i)
            check_quote(o, w)
            if o['modality'] not in MODS: err(w, 'bad modality')
            if not (bound_ok(o['low'], f['kind']) and bound_ok(o['high'], f['kind'])): err(w, 'bad bound', o['low'], o['high'])
            if o['low'] is not None and o['high'] is not None and o['low'] > o['high']: err(w, 'low > high')
            if o['as_of'] is not None and not ISO.match(o['as_of']): err(w, 'bad as_of')
            nobs += 1
    keys = {f['key']: f for f in g['facts']}
    for d in g['discrepancies']:
        if d['type'] not in DTYPES: err(name, 'bad discrepancy type', d['type'])
        f = keys.get(d['fact'])
        if f is None: err(name, 'discrepancy on unknown fact', d['fact']); continue
        for i in d['observations']:
            if not 0 <= i < len(f['observations']): err(name, d['fact'], 'bad index', i)
    for n in g['non_facts']: check_quote(n, name + ' non_fact')
    print('%-11s facts %2d  observations %3d  discrepancies %d  non_facts %d' % (name, len(g['facts']), nobs, len(g['discrepancies']), len(g['non_facts'])))
print('OK' if not errors else '%d error(s)' % errors)
sys.exit(1 if errors else 0)
