"""The factored lexicon alternations of the time grammar (``times/_lexicon.alt``) match
exactly what a plain character trie (``trie_alt``) matches, in the same order."""

from __future__ import annotations

import regex

import pytest

from arabic_events.times._lexicon import alt, lexicon, trie_alt


def _ends(rx, text: str) -> list[int]:
    """For every cut ``k`` of ``text``, where the alternation's first match ends when the
    text stops at ``k`` (None: no match)."""
    out = []
    for k in range(len(text) + 1):
        m = rx.match(text, 0, k)
        out.append(None if m is None else m.end())
    return out


def _possible(rx, text: str) -> set[int]:
    """Every end the alternation can reach on ``text`` (a fullmatch of each prefix)."""
    return {k for k in range(len(text) + 1) if rx.fullmatch(text, 0, k)}


def _texts(forms: set[str]) -> list[str]:
    words = sorted({w for f in forms for w in f.split()})
    later = sorted({w for f in forms for w in f.split()[1:]}) or words[:3]
    out = []
    for f in sorted(forms):
        out += [f, f + "ه", f[:-1], f + "  " + "x"]
        out += [f + " " + w for w in later]
        out += [f + "\n" + later[0]]
    return out


@pytest.mark.parametrize("key", sorted(lexicon(None).P))
def test_alt_matches_like_a_character_trie(key):
    L = lexicon(None)
    forms = set(L.P_forms[key])
    fast, ref = regex.compile(alt(forms)), regex.compile(trie_alt(forms))
    assert alt(forms) == L.P[key]
    for text in _texts(forms):
        assert _possible(fast, text) == _possible(ref, text), text
        ends = _ends(fast, text)
        assert ends == _ends(ref, text), text
        # longest first: with the text cut at k, the match is the longest end <= k
        poss = _possible(ref, text)
        for k, e in enumerate(ends):
            assert e == max((p for p in poss if p <= k), default=None), (text, k)


def test_number_words_alternation_is_small():
    """The two-word number forms share their continuations (was 6,166 characters)."""
    L = lexicon(None)
    assert len([f for f in L.numbers if " " in f]) > 700
    assert len(L.P["num"]) < 1500
    assert len(trie_alt(L.numbers)) > 4 * len(L.P["num"])


@pytest.mark.parametrize("forms, text, end", [
    ({"ثلاث", "ثلاثه", "ثلاثه عشر", "ثلاث عشره"}, "ثلاثه عشر يوما", 9),
    ({"ثلاث", "ثلاثه", "ثلاثه عشر", "ثلاث عشره"}, "ثلاث عشره", 9),
    ({"ثلاث", "ثلاثه", "ثلاثه عشر"}, "ثلاثه عشرين", 9),
    ({"ثلاث", "ثلاثه", "ثلاثه عشر"}, "ثلاثه  \n عشر", 12),
    ({"واحد", "واحد وعشرين", "عشرين"}, "واحد وعشر", 4),
])
def test_alt_examples(forms, text, end):
    m = regex.match(alt(forms), text)
    assert m is not None and m.end() == end


def test_alt_without_a_group_order_is_the_plain_trie():
    """"ab" (followed by x) must come before its prefix "a", and "cd" before its prefix "c"
    (followed by x): the groups cannot be ordered, so the alternation is the plain trie."""
    forms = {"ab x", "ab", "c x", "c", "a", "cd"}
    assert alt(forms) == trie_alt(forms)
    rx = regex.compile(alt(forms))
    for text, end in (("ab x", 4), ("abx", 2), ("cd x", 2), ("c x", 3), ("a", 1)):
        assert rx.match(text).end() == end, text
    # one order exists: factored, and still the trie's matches
    forms2 = {"ab x", "ab", "a", "c"}
    assert alt(forms2) != trie_alt(forms2)
    fast, ref = regex.compile(alt(forms2)), regex.compile(trie_alt(forms2))
    for text in ("ab x", "ab", "a x", "abc", "c x"):
        assert _ends(fast, text) == _ends(ref, text), text


def test_alternations_do_not_depend_on_hash_order():
    """The same patterns in every process (string hashing is randomized per process)."""
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import hashlib; from arabic_events.times._lexicon import lexicon; P = lexicon(None).P; "
            "print(hashlib.sha256(repr(sorted(P.items())).encode()).hexdigest())")
    here = hashlib.sha256(repr(sorted(lexicon(None).P.items())).encode()).hexdigest()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert out.stdout.strip() == here
