/* The duplicate finder's per-pair alignment kernel (CPython extension, compiled at install by
 * hatch_build.py; curator/core/compiled.py loads it only while this file matches its build record).
 *
 * best_chain(ca, cb, cover) takes two passages' word ids as characters (``text.pair_chars``) and
 * returns what ``align._chain_pure`` returns: None when the passages share no word or their
 * matching runs' whole extent covers less than ``cover`` of both, else the best chain's extent
 * (a_start, a_end, b_start, b_end) in word indexes. One call a pair, no Python object per opcode,
 * run or word.
 *
 * The runs are those of rapidfuzz's ``Indel.opcodes(ca, cb)`` ("equal" blocks), ties included: the
 * same algorithm (common prefix and suffix removed, Hyyro's bit-parallel LCS matrix over the first
 * string in 64-bit words, the backtrack from the end preferring a deletion, then an insertion, then a
 * match), so the same alignment; tests compare both on captured and adversarial pairs.
 *
 * chain_cover_batch(ids, starts, counts, pa, pb, cover, min_span_words, out) is chain_cover (best_chain, then
 * align's coverage check) of many pairs in one call, on the passages' word ids (uint64) themselves: the
 * alignment's reject before any span is made, exact by construction (tests/test_dups_chain_batch.py).
 *
 * features(text, spans, k, normalise) is ``features.document_features``' per-passage pass in one call a
 * page: each passage's words (ASCII passages here; others through ``normalise``, then split on \w runs
 * here), their XXH3-64 hashes (written out below from the xxHash specification, seed 0 and the default
 * secret; tests hold it to the ``xxhash`` package), the passage's exact hash and its k-word shingles.
 *
 * ascii_word_ids(chunk) is ``text.tokens``' ids of an ASCII passage (``word_ids`` of its words).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the chain's constants: align.py's _SMALL_GAP, _LARGE_GAP, _MIN_END_RUN (a test checks they agree) */
#define SMALL_GAP 4
#define LARGE_GAP 40
#define MIN_END_RUN 2
#define EDGE_WORDS 2  /* align.py's _EDGE_WORDS */

typedef struct { Py_ssize_t a0, a1, b0, b1; } Run;

/* A symbol of the sequences aligned: a code point of ``pair_chars``' strings, or a word id itself
   (``chain_cover_batch``). Only equality matters to the alignment, so both give the same runs. */
typedef uint64_t Sym;

static inline uint32_t sym_hash(Sym c) { return ((uint32_t)(c ^ (c >> 32))) * 2654435761u; }

/* One pattern bit vector per distinct character of the first string: open addressing on the code point. */
typedef struct {
    Py_ssize_t cap;     /* power of two */
    Sym *keys;
    Py_ssize_t *slot;   /* index of the key's vector, -1 when empty */
    uint64_t *bits;     /* distinct * words */
    Py_ssize_t words;
} Pattern;

static inline Py_ssize_t pat_find(const Pattern *p, Sym c) {
    Py_ssize_t mask = p->cap - 1;
    Py_ssize_t i = (Py_ssize_t)(sym_hash(c) & (uint32_t)mask);
    while (p->slot[i] >= 0) {
        if (p->keys[i] == c) return p->slot[i];
        i = (i + 1) & mask;
    }
    return -1;
}

static inline uint64_t addc64(uint64_t a, uint64_t b, uint64_t carryin, uint64_t *carryout) {
    a += carryin;
    *carryout = a < carryin;
    a += b;
    *carryout |= a < b;
    return a;
}

/* A pair's buffers come from one block: a static arena when they fit (nearly every pair: a few kB), else
   one heap block (*heap, freed by the caller). Two arenas, for the two nested users (``pair_runs`` holds its
   block while ``indel_runs`` takes the other); the kernel never releases the GIL nor calls Python while
   holding them. One allocation a pair instead of ten was ~15 % of ``chain_cover`` (measured). */
#define ARENA_WORDS 16384 /* 128 kB each */
static uint64_t arena_pair[ARENA_WORDS], arena_lcs[ARENA_WORDS];

static void *block_of(uint64_t *arena, size_t bytes, void **heap) {
    *heap = NULL;
    if (bytes <= sizeof(uint64_t) * ARENA_WORDS) return arena;
    void *p = PyMem_Malloc(bytes ? bytes : 1);
    if (!p) { PyErr_NoMemory(); return NULL; }
    *heap = p;
    return p;
}

/* bytes rounded up to 8, so the next buffer carved after them stays aligned */
static inline size_t al8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The characters of a str as code points into out. */
static void code_points(PyObject *s, Sym *out) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (kind == PyUnicode_1BYTE_KIND) { const Py_UCS1 *d = (const Py_UCS1 *)data; for (Py_ssize_t i = 0; i < len; i++) out[i] = d[i]; }
    else if (kind == PyUnicode_2BYTE_KIND) { const Py_UCS2 *d = (const Py_UCS2 *)data; for (Py_ssize_t i = 0; i < len; i++) out[i] = d[i]; }
    else { const Py_UCS4 *d = (const Py_UCS4 *)data; for (Py_ssize_t i = 0; i < len; i++) out[i] = d[i]; }
}

/* Append a matching pair (i, j) of a backtrack that walks backwards: runs are built in reverse. */
static inline void add_match_rev(Run *runs, Py_ssize_t *nr, Py_ssize_t i, Py_ssize_t j) {
    if (*nr > 0) {
        Run *r = &runs[*nr - 1];
        if (r->a0 == i + 1 && r->b0 == j + 1) { r->a0 = i; r->b0 = j; return; }
    }
    runs[*nr].a0 = i; runs[*nr].a1 = i + 1; runs[*nr].b0 = j; runs[*nr].b1 = j + 1;
    (*nr)++;
}

/* The equal runs of Indel.opcodes(a, b), in order. Returns the count, or -1 with an exception set. */
static Py_ssize_t indel_runs(const Sym *a, Py_ssize_t n1, const Sym *b, Py_ssize_t n2, Run *out) {
    Py_ssize_t lim = n1 < n2 ? n1 : n2;
    Py_ssize_t pre = 0, suf = 0;
    while (pre < lim && a[pre] == b[pre]) pre++;
    while (suf < lim - pre && a[n1 - 1 - suf] == b[n2 - 1 - suf]) suf++;
    const Sym *s1 = a + pre, *s2 = b + pre;
    Py_ssize_t m1 = n1 - pre - suf, m2 = n2 - pre - suf;
    /* the prefix's run, then the core's runs (found in reverse), then the suffix's */
    Py_ssize_t n = 0;
    if (pre > 0) { out[0].a0 = 0; out[0].a1 = pre; out[0].b0 = 0; out[0].b1 = pre; n = 1; }
    if (m1 > 0 && m2 > 0) {
        Py_ssize_t nrev = 0;
        Run *rev;
        Py_ssize_t words = (m1 + 63) / 64;
        Pattern p;
        p.words = words;
        p.cap = 16;
        while (p.cap < 2 * m1) p.cap <<= 1;
        /* one block of 8-byte buffers */
        size_t o_slot = 0, o_bits = o_slot + sizeof(Py_ssize_t) * (size_t)p.cap;
        size_t o_S = o_bits + sizeof(uint64_t) * (size_t)m1 * (size_t)words;
        size_t o_cur = o_S + sizeof(uint64_t) * (size_t)m2 * (size_t)words;
        size_t o_row = o_cur + sizeof(uint64_t) * (size_t)words;
        size_t o_rev = o_row + sizeof(Py_ssize_t) * (size_t)m2;
        size_t o_keys = o_rev + sizeof(Run) * (size_t)(lim + 1);
        size_t total = o_keys + sizeof(Sym) * (size_t)p.cap;
        void *heap;
        uint8_t *blk = (uint8_t *)block_of(arena_lcs, total, &heap);
        if (!blk) return -1;
        p.slot = (Py_ssize_t *)(blk + o_slot);
        p.bits = (uint64_t *)(blk + o_bits);
        memset(p.bits, 0, sizeof(uint64_t) * (size_t)m1 * (size_t)words);
        uint64_t *S = (uint64_t *)(blk + o_S);
        uint64_t *cur = (uint64_t *)(blk + o_cur);
        Py_ssize_t *rowslot = (Py_ssize_t *)(blk + o_row);
        rev = (Run *)(blk + o_rev);
        p.keys = (Sym *)(blk + o_keys);
        for (Py_ssize_t i = 0; i < p.cap; i++) p.slot[i] = -1;
        Py_ssize_t distinct = 0, mask = p.cap - 1;
        for (Py_ssize_t i = 0; i < m1; i++) {
            Sym c = s1[i];
            Py_ssize_t h = (Py_ssize_t)(sym_hash(c) & (uint32_t)mask);
            while (p.slot[h] >= 0 && p.keys[h] != c) h = (h + 1) & mask;
            if (p.slot[h] < 0) { p.keys[h] = c; p.slot[h] = distinct++; }
            p.bits[p.slot[h] * words + i / 64] |= (uint64_t)1 << (i % 64);
        }
        for (Py_ssize_t j = 0; j < m2; j++) rowslot[j] = pat_find(&p, s2[j]);
        for (Py_ssize_t w = 0; w < words; w++) cur[w] = ~(uint64_t)0;
        for (Py_ssize_t j = 0; j < m2; j++) {
            uint64_t carry = 0;
            const uint64_t *pm = rowslot[j] >= 0 ? p.bits + rowslot[j] * words : NULL;
            uint64_t *row = S + j * words;
            for (Py_ssize_t w = 0; w < words; w++) {
                uint64_t matches = pm ? pm[w] : 0;
                uint64_t st = cur[w];
                uint64_t u = st & matches;
                uint64_t x = addc64(st, u, carry, &carry);
                cur[w] = x | (st - u);
                row[w] = cur[w];
            }
        }
        /* rapidfuzz's recover_alignment: from the end, a deletion when the bit is set, else an
           insertion when the row above has it clear, else a match */
        Py_ssize_t col = m1, rowi = m2;
#define TEST(r, c) ((S[(r) * words + (c) / 64] >> ((c) % 64)) & 1)
        while (rowi && col) {
            if (TEST(rowi - 1, col - 1)) {
                col--;
            } else {
                rowi--;
                if (rowi && !TEST(rowi - 1, col - 1)) {
                    /* insertion */
                } else {
                    col--;
                    add_match_rev(rev, &nrev, col + pre, rowi + pre);
                }
            }
        }
#undef TEST
        /* the core's runs, in order, after the prefix (they leave the block before it is given back) */
        for (Py_ssize_t k = nrev - 1; k >= 0; k--) {
            Run r = rev[k];
            if (n > 0 && out[n - 1].a1 == r.a0 && out[n - 1].b1 == r.b0) { out[n - 1].a1 = r.a1; out[n - 1].b1 = r.b1; }
            else out[n++] = r;
        }
        PyMem_Free(heap);
    }
    if (suf > 0) {
        Run r = {n1 - suf, n1, n2 - suf, n2};
        if (n > 0 && out[n - 1].a1 == r.a0 && out[n - 1].b1 == r.b0) { out[n - 1].a1 = r.a1; out[n - 1].b1 = r.b1; }
        else out[n++] = r;
    }
    return n;
}

static inline Py_ssize_t max2(Py_ssize_t x, Py_ssize_t y) { return x > y ? x : y; }

/* align._best_chain: the chain of most matched words (the first of equals), trimmed of stray short
   runs after a large gap at either end; [lo, hi) indexes of runs. */
static void best_chain(const Run *runs, Py_ssize_t n, Py_ssize_t *best_lo_out, Py_ssize_t *best_hi_out) {
    Py_ssize_t best_lo = 0, best_hi = 0, best_m = -1, lo = 0;
    Py_ssize_t a1 = runs[0].a1, b1 = runs[0].b1;
    Py_ssize_t m = runs[0].a1 - runs[0].a0;
    for (Py_ssize_t j = 1; j <= n; j++) {
        Py_ssize_t r0 = 0, r1 = 0, s1 = 0;
        if (j < n) {
            r0 = runs[j].a0; r1 = runs[j].a1; s1 = runs[j].b1;
            Py_ssize_t ga = r0 - a1, gb = runs[j].b0 - b1;
            if ((ga < gb ? ga : gb) <= SMALL_GAP && (ga > gb ? ga : gb) <= LARGE_GAP) {
                m += r1 - r0;
                a1 = r1; b1 = s1;
                continue;
            }
        }
        Py_ssize_t hi = j;
        if (hi - lo > 1) {
            while (hi - lo > 1) {
                const Run *last = &runs[hi - 1], *prev = &runs[hi - 2];
                if (last->a1 - last->a0 < MIN_END_RUN && max2(last->a0 - prev->a1, last->b0 - prev->b1) > SMALL_GAP) {
                    hi--;
                    m -= last->a1 - last->a0;
                } else break;
            }
            while (hi - lo > 1) {
                const Run *first = &runs[lo], *nxt = &runs[lo + 1];
                if (first->a1 - first->a0 < MIN_END_RUN && max2(nxt->a0 - first->a1, nxt->b0 - first->b1) > SMALL_GAP) {
                    lo++;
                    m -= first->a1 - first->a0;
                } else break;
            }
        }
        if (m > best_m) { best_lo = lo; best_hi = hi; best_m = m; }
        if (j < n) {
            lo = j;
            a1 = r1; b1 = s1;
            m = r1 - r0;
        }
    }
    *best_lo_out = best_lo;
    *best_hi_out = best_hi;
}

/* Both strings' code points and their runs; 0 on success, -1 with an exception. All three live in one block:
   *heap (or NULL, the arena) is the caller's to free. */
static int pair_runs(PyObject *ca, PyObject *cb, Sym **a, Py_ssize_t *n1, Sym **b, Py_ssize_t *n2,
                     Run **runs, Py_ssize_t *nr, void **heap) {
    *n1 = PyUnicode_GET_LENGTH(ca);
    *n2 = PyUnicode_GET_LENGTH(cb);
    Py_ssize_t lim = *n1 < *n2 ? *n1 : *n2;
    size_t o_b = sizeof(Sym) * (size_t)*n1, o_runs = o_b + sizeof(Sym) * (size_t)*n2;
    uint8_t *blk = (uint8_t *)block_of(arena_pair, o_runs + sizeof(Run) * (size_t)(lim + 2), heap);
    if (!blk) return -1;
    *a = (Sym *)blk;
    *b = (Sym *)(blk + o_b);
    *runs = (Run *)(blk + o_runs);
    code_points(ca, *a);
    code_points(cb, *b);
    *nr = indel_runs(*a, *n1, *b, *n2, *runs);
    return *nr < 0 ? -1 : 0;
}

/* The best chain's extent from a pair's runs: 1 with ext[] set, 0 when none (no shared word, or the runs' whole
   extent covers less than ``cover`` of both). */
static int runs_extent(const Run *runs, Py_ssize_t nr, Py_ssize_t n1, Py_ssize_t n2, double cover, Py_ssize_t ext[4]) {
    if (nr == 0 || n1 == 0 || n2 == 0) return 0;
    /* the runs' whole extent (align's cheap reject), as Python computes it: true division of ints */
    if ((double)(runs[nr - 1].a1 - runs[0].a0) / (double)n1 < cover &&
        (double)(runs[nr - 1].b1 - runs[0].b0) / (double)n2 < cover) return 0;
    Py_ssize_t lo, hi;
    best_chain(runs, nr, &lo, &hi);
    ext[0] = runs[lo].a0; ext[1] = runs[hi - 1].a1; ext[2] = runs[lo].b0; ext[3] = runs[hi - 1].b1;
    return 1;
}

/* align's coverage check on a chain's extent: enough of the passages to count (``cover`` of both; or of one,
   with ``min_span_words`` words or half of the other). */
static int covers(const Py_ssize_t ext[4], Py_ssize_t n1, Py_ssize_t n2, double cover, Py_ssize_t min_span_words) {
    double cov_a = (double)(ext[1] - ext[0]) / (double)n1, cov_b = (double)(ext[3] - ext[2]) / (double)n2;
    if (!(cov_a >= cover && cov_b >= cover)) {
        Py_ssize_t covered = cov_a >= cov_b ? ext[1] - ext[0] : ext[3] - ext[2];
        double hi = cov_a > cov_b ? cov_a : cov_b, lo = cov_a < cov_b ? cov_a : cov_b;
        if (hi < cover || (covered < min_span_words && lo < 0.5)) return 0;
    }
    return 1;
}

/* The best chain's extent of two passages' ids as characters (``align._chain_pure``): 1 with ext[] set, 0 when
   none (no shared word, or the runs' whole extent covers less than ``cover`` of both), -1 with an exception. */
static int chain_extent(PyObject *ca, PyObject *cb, double cover, Py_ssize_t *n1, Py_ssize_t *n2, Py_ssize_t ext[4]) {
    Sym *a, *b;
    Py_ssize_t nr = 0;
    Run *runs;
    void *heap = NULL;
    int res = -1;
    if (pair_runs(ca, cb, &a, n1, &b, n2, &runs, &nr, &heap) == 0) res = runs_extent(runs, nr, *n1, *n2, cover, ext);
    PyMem_Free(heap);
    return res;
}

static PyObject *k_best_chain(PyObject *self, PyObject *args) {
    PyObject *ca, *cb;
    double cover;
    if (!PyArg_ParseTuple(args, "UUd:best_chain", &ca, &cb, &cover)) return NULL;
    Py_ssize_t n1, n2, ext[4];
    int got = chain_extent(ca, cb, cover, &n1, &n2, ext);
    if (got < 0) return NULL;
    if (got == 0) Py_RETURN_NONE;
    return Py_BuildValue("(nnnn)", ext[0], ext[1], ext[2], ext[3]);
}

/* best_chain and then align's coverage check: the extent when the chain covers enough of the passages to
   count, else None. */
static PyObject *k_chain_cover(PyObject *self, PyObject *args) {
    PyObject *ca, *cb;
    double cover;
    Py_ssize_t min_span_words;
    if (!PyArg_ParseTuple(args, "UUdn:chain_cover", &ca, &cb, &cover, &min_span_words)) return NULL;
    Py_ssize_t n1, n2, ext[4];
    int got = chain_extent(ca, cb, cover, &n1, &n2, ext);
    if (got < 0) return NULL;
    if (got == 0 || !covers(ext, n1, n2, cover, min_span_words)) Py_RETURN_NONE;
    return Py_BuildValue("(nnnn)", ext[0], ext[1], ext[2], ext[3]);
}

/* chain_cover_batch(ids, starts, counts, pa, pb, cover, min_span_words, out) -> int: ``chain_cover`` of many
 * pairs in one call, on the word ids themselves (uint64; the LCS compares them for equality only, as it does
 * ``pair_chars``' characters, so the runs are the same). Passage p's ids are ids[starts[p]:starts[p]+counts[p]];
 * pair i is (pa[i], pb[i]); out (int64, 4 a pair) gets the extent of each pair that passes, -1s for the rest.
 * Returns how many pass. Per pair this is the LCS and the chain only: no arguments parsed, no strings made
 * (align_pairs called chain_cover a pair, after ``pair_chars``: ~4 µs a pair besides the kernel's ~1.5). */
static int batch_buffer(PyObject *obj, Py_buffer *view, int writable, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0) return -1;
    if (view->itemsize != 8 || view->ndim != 1) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_ValueError, "chain_cover_batch: %s must be a one-dimensional buffer of 8-byte items", what);
        return -1;
    }
    return 0;
}

static PyObject *k_chain_cover_batch(PyObject *self, PyObject *args) {
    PyObject *o[6];
    double cover;
    Py_ssize_t min_span_words;
    if (!PyArg_ParseTuple(args, "OOOOOdnO:chain_cover_batch", &o[0], &o[1], &o[2], &o[3], &o[4], &cover,
                          &min_span_words, &o[5])) return NULL;
    static const char *names[6] = {"ids", "starts", "counts", "pa", "pb", "out"};
    Py_buffer v[6];
    int got = 0;
    for (; got < 6; got++) if (batch_buffer(o[got], &v[got], got == 5, names[got]) < 0) break;
    PyObject *ret = NULL;
    if (got == 6) {
        const Sym *ids = (const Sym *)v[0].buf;
        const int64_t *starts = (const int64_t *)v[1].buf, *counts = (const int64_t *)v[2].buf;
        const int64_t *pa = (const int64_t *)v[3].buf, *pb = (const int64_t *)v[4].buf;
        int64_t *out = (int64_t *)v[5].buf;
        Py_ssize_t n_ids = v[0].shape[0], n_pass = v[1].shape[0], n = v[3].shape[0], passed = 0;
        int bad = v[2].shape[0] != n_pass || v[4].shape[0] != n || v[5].shape[0] != 4 * n;
        for (Py_ssize_t p = 0; !bad && p < n_pass; p++)
            bad = starts[p] < 0 || counts[p] < 0 || starts[p] > n_ids - counts[p];
        for (Py_ssize_t i = 0; !bad && i < n; i++) bad = pa[i] < 0 || pa[i] >= n_pass || pb[i] < 0 || pb[i] >= n_pass;
        if (bad) {
            PyErr_SetString(PyExc_ValueError, "chain_cover_batch: lengths or indexes out of range");
        } else {
            Py_ssize_t i = 0;
            for (; i < n; i++) {
                int64_t *e = out + 4 * i;
                e[0] = e[1] = e[2] = e[3] = -1;
                Py_ssize_t n1 = (Py_ssize_t)counts[pa[i]], n2 = (Py_ssize_t)counts[pb[i]], ext[4];
                if (n1 == 0 || n2 == 0) continue;
                Py_ssize_t lim = n1 < n2 ? n1 : n2;
                void *heap;
                Run *runs = (Run *)block_of(arena_pair, sizeof(Run) * (size_t)(lim + 2), &heap);
                if (!runs) break;
                Py_ssize_t nr = indel_runs(ids + starts[pa[i]], n1, ids + starts[pb[i]], n2, runs);
                int ok = nr >= 0 && runs_extent(runs, nr, n1, n2, cover, ext) && covers(ext, n1, n2, cover, min_span_words);
                PyMem_Free(heap);
                if (nr < 0) break;
                if (ok) {
                    e[0] = ext[0]; e[1] = ext[1]; e[2] = ext[2]; e[3] = ext[3];
                    passed++;
                }
            }
            if (i == n) ret = PyLong_FromSsize_t(passed);
        }
    }
    for (int k = 0; k < got; k++) PyBuffer_Release(&v[k]);
    return ret;
}

static PyObject *k_runs(PyObject *self, PyObject *args) {
    PyObject *ca, *cb;
    if (!PyArg_ParseTuple(args, "UU:runs", &ca, &cb)) return NULL;
    Sym *a, *b;
    Py_ssize_t n1 = 0, n2 = 0, nr = 0;
    Run *runs;
    void *heap = NULL;
    PyObject *res = NULL;
    if (pair_runs(ca, cb, &a, &n1, &b, &n2, &runs, &nr, &heap) < 0) goto done;
    res = PyList_New(nr);
    if (!res) goto done;
    for (Py_ssize_t i = 0; i < nr; i++) {
        PyObject *t = Py_BuildValue("(nnnn)", runs[i].a0, runs[i].a1, runs[i].b0, runs[i].b1);
        if (!t) { Py_CLEAR(res); goto done; }
        PyList_SET_ITEM(res, i, t);
    }
done:
    PyMem_Free(heap);
    return res;
}


/* ---- XXH3-64 (seed 0, default secret), scalar, from the xxHash specification ---------------------- */

static const uint8_t kSecret[192] = {
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
    0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
    0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
    0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
    0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
    0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
    0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
    0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
    0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
};

#define P32_1 0x9E3779B1U
#define P32_2 0x85EBCA77U
#define P32_3 0xC2B2AE3DU
#define P64_1 0x9E3779B185EBCA87ULL
#define P64_2 0xC2B2AE3D27D4EB4FULL
#define P64_3 0x165667B19E3779F9ULL
#define P64_4 0x85EBCA77C2B2AE63ULL
#define P64_5 0x27D4EB2F165667C5ULL
#define PMX1 0x165667919E3779F9ULL
#define PMX2 0x9FB21C651E98DF25ULL

static inline uint64_t rd64(const uint8_t *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}
static inline uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t swap64(uint64_t x) { return __builtin_bswap64(x); }
static inline uint64_t fold64(uint64_t a, uint64_t b) {
    __uint128_t p = (__uint128_t)a * b;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
}
static inline uint64_t avalanche3(uint64_t h) {
    h ^= h >> 37;
    h *= PMX1;
    return h ^ (h >> 32);
}
static inline uint64_t avalanche64(uint64_t h) {
    h ^= h >> 33; h *= P64_2; h ^= h >> 29; h *= P64_3; return h ^ (h >> 32);
}
static inline uint64_t mix16(const uint8_t *in, const uint8_t *sec) {
    return fold64(rd64(in) ^ rd64(sec), rd64(in + 8) ^ rd64(sec + 8));
}

static uint64_t xxh3_long(const uint8_t *in, size_t len) {
    uint64_t acc[8] = {P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1};
    const size_t stripes_per_block = (192 - 64) / 8, block_len = 64 * stripes_per_block;
    size_t nb_blocks = (len - 1) / block_len;
#define ACC512(input, secret) do { \
        for (int l = 0; l < 8; l++) { \
            uint64_t dv = rd64((input) + 8 * l), dk = dv ^ rd64((secret) + 8 * l); \
            acc[l ^ 1] += dv; \
            acc[l] += (uint64_t)(uint32_t)dk * (uint64_t)(uint32_t)(dk >> 32); \
        } } while (0)
    for (size_t n = 0; n < nb_blocks; n++) {
        for (size_t s = 0; s < stripes_per_block; s++) ACC512(in + n * block_len + s * 64, kSecret + s * 8);
        for (int l = 0; l < 8; l++) {
            uint64_t a = acc[l];
            a ^= a >> 47;
            a ^= rd64(kSecret + 192 - 64 + 8 * l);
            acc[l] = a * P32_1;
        }
    }
    size_t nb_stripes = ((len - 1) - block_len * nb_blocks) / 64;
    for (size_t s = 0; s < nb_stripes; s++) ACC512(in + nb_blocks * block_len + s * 64, kSecret + s * 8);
    ACC512(in + len - 64, kSecret + 192 - 64 - 7);
#undef ACC512
    uint64_t r = (uint64_t)len * P64_1;
    for (int i = 0; i < 4; i++)
        r += fold64(acc[2 * i] ^ rd64(kSecret + 11 + 16 * i), acc[2 * i + 1] ^ rd64(kSecret + 11 + 16 * i + 8));
    return avalanche3(r);
}

static uint64_t xxh3_64(const uint8_t *in, size_t len) {
    if (len <= 16) {
        if (len > 8) {
            uint64_t lo = rd64(in) ^ (rd64(kSecret + 24) ^ rd64(kSecret + 32));
            uint64_t hi = rd64(in + len - 8) ^ (rd64(kSecret + 40) ^ rd64(kSecret + 48));
            return avalanche3((uint64_t)len + swap64(lo) + hi + fold64(lo, hi));
        }
        if (len >= 4) {
            uint32_t i1 = rd32(in), i2 = rd32(in + len - 4);
            uint64_t keyed = ((uint64_t)i2 + ((uint64_t)i1 << 32)) ^ (rd64(kSecret + 8) ^ rd64(kSecret + 16));
            uint64_t h = keyed;
            h ^= rotl64(h, 49) ^ rotl64(h, 24);
            h *= PMX2;
            h ^= (h >> 35) + (uint64_t)len;
            h *= PMX2;
            return h ^ (h >> 28);
        }
        if (len > 0) {
            uint32_t c = ((uint32_t)in[0] << 16) | ((uint32_t)in[len >> 1] << 24) | (uint32_t)in[len - 1] |
                         ((uint32_t)len << 8);
            return avalanche64((uint64_t)c ^ (uint64_t)(rd32(kSecret) ^ rd32(kSecret + 4)));
        }
        return avalanche64(rd64(kSecret + 56) ^ rd64(kSecret + 64));
    }
    if (len <= 128) {
        uint64_t acc = (uint64_t)len * P64_1;
        if (len > 32) {
            if (len > 64) {
                if (len > 96) {
                    acc += mix16(in + 48, kSecret + 96);
                    acc += mix16(in + len - 64, kSecret + 112);
                }
                acc += mix16(in + 32, kSecret + 64);
                acc += mix16(in + len - 48, kSecret + 80);
            }
            acc += mix16(in + 16, kSecret + 32);
            acc += mix16(in + len - 32, kSecret + 48);
        }
        acc += mix16(in, kSecret);
        acc += mix16(in + len - 16, kSecret + 16);
        return avalanche3(acc);
    }
    if (len <= 240) {
        uint64_t acc = (uint64_t)len * P64_1, acc_end;
        unsigned rounds = (unsigned)len / 16;
        for (unsigned i = 0; i < 8; i++) acc += mix16(in + 16 * i, kSecret + 16 * i);
        acc_end = mix16(in + len - 16, kSecret + 136 - 17);
        acc = avalanche3(acc);
        for (unsigned i = 8; i < rounds; i++) acc_end += mix16(in + 16 * i, kSecret + 16 * (i - 8) + 3);
        return avalanche3(acc + acc_end);
    }
    return xxh3_long(in, len);
}

static PyObject *k_xxh3(PyObject *self, PyObject *arg) {
    (void)self;
    char *buf;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(arg, &buf, &n) < 0) return NULL;
    return PyLong_FromUnsignedLongLong(xxh3_64((const uint8_t *)buf, (size_t)n));
}

/* ---- features.document_features' per-passage pass ------------------------------------------------- */

#define SH_MUL 0x9E3779B97F4A7C15ULL
#define SH_MIX 0xFF51AFD7ED558CCDULL

typedef struct { uint8_t *p; size_t n, cap; } Buf;
typedef struct { uint64_t *p; size_t n, cap; } U64s;

static int buf_reserve(Buf *b, size_t more) {
    if (b->n + more <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + more) cap *= 2;
    uint8_t *p = (uint8_t *)PyMem_Realloc(b->p, cap);
    if (!p) { PyErr_NoMemory(); return -1; }
    b->p = p; b->cap = cap;
    return 0;
}
static int u64_push(U64s *v, uint64_t x) {
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        uint64_t *p = (uint64_t *)PyMem_Realloc(v->p, cap * sizeof(uint64_t));
        if (!p) { PyErr_NoMemory(); return -1; }
        v->p = p; v->cap = cap;
    }
    v->p[v->n++] = x;
    return 0;
}

/* str.split()'s whitespace among ASCII characters (\t \n \v \f \r, the separators 0x1c-0x1f, space) */
static inline int ascii_space(Py_UCS4 c) { return (c >= 9 && c <= 13) || (c >= 28 && c <= 32); }
static inline int ascii_word(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z');
}

/* Words of raw (UTF-8 of a normalised passage): runs of \w code points (str.isalnum() or '_'), hashed. */
static int hash_words(const uint8_t *raw, size_t n, int ascii, U64s *wh, Py_ssize_t *count) {
    size_t i = 0, start = 0;
    int in = 0;
    Py_ssize_t c = 0;
    while (i < n) {
        size_t len = 1;
        int word;
        if (ascii) {
            word = ascii_word(raw[i]);
        } else {
            uint8_t b0 = raw[i];
            Py_UCS4 cp;
            if (b0 < 0x80) cp = b0;
            else if (b0 < 0xE0) { cp = ((Py_UCS4)(b0 & 0x1F) << 6) | (raw[i + 1] & 0x3F); len = 2; }
            else if (b0 < 0xF0) { cp = ((Py_UCS4)(b0 & 0x0F) << 12) | ((Py_UCS4)(raw[i + 1] & 0x3F) << 6) | (raw[i + 2] & 0x3F); len = 3; }
            else { cp = ((Py_UCS4)(b0 & 0x07) << 18) | ((Py_UCS4)(raw[i + 1] & 0x3F) << 12) | ((Py_UCS4)(raw[i + 2] & 0x3F) << 6) | (raw[i + 3] & 0x3F); len = 4; }
            word = cp == '_' || Py_UNICODE_ISALNUM(cp);
        }
        if (word && !in) { in = 1; start = i; }
        else if (!word && in) {
            in = 0;
            if (u64_push(wh, xxh3_64(raw + start, i - start)) < 0) return -1;
            c++;
        }
        i += len;
    }
    if (in) {
        if (u64_push(wh, xxh3_64(raw + start, n - start)) < 0) return -1;
        c++;
    }
    *count = c;
    return 0;
}

static PyObject *k_features(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *spans, *normalise;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "UOnO:features", &text, &spans, &k, &normalise)) return NULL;
    if (k < 1) { PyErr_SetString(PyExc_ValueError, "k must be at least 1"); return NULL; }
    PyObject *seq = PySequence_Fast(spans, "spans must be a sequence");
    if (!seq) return NULL;
    Py_ssize_t np_ = PySequence_Fast_GET_SIZE(seq), tlen = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *exact = PyList_New(np_), *words = PyList_New(np_);
    PyObject *kgrams = NULL, *offsets = NULL, *res = NULL;
    Buf raw = {NULL, 0, 0};
    U64s wh = {NULL, 0, 0}, sh = {NULL, 0, 0};
    int64_t *offs = (int64_t *)PyMem_Malloc(sizeof(int64_t) * (size_t)(np_ + 1));
    if (!exact || !words || !offs) { if (!offs) PyErr_NoMemory(); goto fail; }
    offs[0] = 0;
    for (Py_ssize_t p = 0; p < np_; p++) {
        PyObject *span = PySequence_Fast_GET_ITEM(seq, p);
        PyObject *a = NULL, *b = NULL;
        Py_ssize_t start, end;
        if (PyTuple_Check(span) && PyTuple_GET_SIZE(span) == 2) {
            a = PyTuple_GET_ITEM(span, 0); b = PyTuple_GET_ITEM(span, 1);
            Py_INCREF(a); Py_INCREF(b);
        } else {
            a = PySequence_GetItem(span, 0);
            b = a ? PySequence_GetItem(span, 1) : NULL;
            if (!a || !b) { Py_XDECREF(a); Py_XDECREF(b); goto fail; }
        }
        start = PyNumber_AsSsize_t(a, PyExc_OverflowError);
        end = PyNumber_AsSsize_t(b, PyExc_OverflowError);
        Py_DECREF(a); Py_DECREF(b);
        if (PyErr_Occurred()) goto fail;
        /* text[start:end] as Python slices it */
        if (start < 0) { start += tlen; if (start < 0) start = 0; }
        if (end < 0) { end += tlen; if (end < 0) end = 0; }
        if (start > tlen) start = tlen;
        if (end > tlen) end = tlen;
        if (end < start) end = start;
        int ascii = 1;
        for (Py_ssize_t i = start; i < end; i++) if (PyUnicode_READ(kind, data, i) >= 128) { ascii = 0; break; }
        size_t first = wh.n;
        Py_ssize_t count = 0;
        uint64_t hx = 0;
        if (ascii) {
            /* " ".join(chunk.lower().split()) */
            raw.n = 0;
            if (buf_reserve(&raw, (size_t)(end - start)) < 0) goto fail;
            int gap = 0;
            for (Py_ssize_t i = start; i < end; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                if (ascii_space(c)) { gap = raw.n > 0; continue; }
                if (gap) { raw.p[raw.n++] = ' '; gap = 0; }
                raw.p[raw.n++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            if (hash_words(raw.p, raw.n, 1, &wh, &count) < 0) goto fail;
            if (count) hx = xxh3_64(raw.p, raw.n);
        } else {
            PyObject *chunk = PyUnicode_Substring(text, start, end);
            if (!chunk) goto fail;
            PyObject *norm = PyObject_CallOneArg(normalise, chunk);
            Py_DECREF(chunk);
            if (!norm) goto fail;
            if (!PyUnicode_Check(norm)) { Py_DECREF(norm); PyErr_SetString(PyExc_TypeError, "normalise must return a str"); goto fail; }
            Py_ssize_t nb;
            const char *u = PyUnicode_AsUTF8AndSize(norm, &nb);
            if (!u || hash_words((const uint8_t *)u, (size_t)nb, 0, &wh, &count) < 0) { Py_DECREF(norm); goto fail; }
            if (count) hx = xxh3_64((const uint8_t *)u, (size_t)nb);
            Py_DECREF(norm);
        }
        /* 0 marks "no words" */
        PyObject *ex = PyLong_FromUnsignedLongLong(count ? (hx ? hx : 1) : 0);
        PyObject *wc = PyLong_FromSsize_t(count);
        if (!ex || !wc) { Py_XDECREF(ex); Py_XDECREF(wc); goto fail; }
        PyList_SET_ITEM(exact, p, ex);
        PyList_SET_ITEM(words, p, wc);
        /* the passage's k-word shingles: as features.shingles over its own words */
        for (Py_ssize_t j = 0; j + k <= count; j++) {
            uint64_t h = wh.p[first + j];
            for (Py_ssize_t t = 1; t < k; t++) h = h * SH_MUL + wh.p[first + j + t];
            h ^= h >> 33;
            h *= SH_MIX;
            h ^= h >> 29;
            if (u64_push(&sh, h) < 0) goto fail;
        }
        offs[p + 1] = (int64_t)sh.n;
    }
    kgrams = PyByteArray_FromStringAndSize((const char *)sh.p, (Py_ssize_t)(sh.n * sizeof(uint64_t)));
    offsets = PyByteArray_FromStringAndSize((const char *)offs, (Py_ssize_t)((size_t)(np_ + 1) * sizeof(int64_t)));
    if (!kgrams || !offsets) goto fail;
    res = PyTuple_Pack(4, exact, words, kgrams, offsets);
fail:
    Py_DECREF(seq);
    Py_XDECREF(exact); Py_XDECREF(words); Py_XDECREF(kgrams); Py_XDECREF(offsets);
    PyMem_Free(raw.p); PyMem_Free(wh.p); PyMem_Free(sh.p); PyMem_Free(offs);
    return res;
}

/* text.tokens' ids of an ASCII passage: its words (runs of [A-Za-z0-9_], lowered), each xxh3 >> 4. */
static PyObject *k_ascii_word_ids(PyObject *self, PyObject *arg) {
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "ascii_word_ids takes a str"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    uint8_t *low = (uint8_t *)PyMem_Malloc((size_t)(n ? n : 1));
    if (!low) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= 128) { PyMem_Free(low); PyErr_SetString(PyExc_ValueError, "ascii_word_ids takes an ASCII str"); return NULL; }
        low[i] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    U64s wh = {NULL, 0, 0};
    Py_ssize_t count = 0;
    PyObject *res = NULL;
    if (hash_words(low, (size_t)n, 1, &wh, &count) == 0) {
        res = PyList_New(count);
        for (Py_ssize_t i = 0; res && i < count; i++) {
            PyObject *v = PyLong_FromUnsignedLongLong(wh.p[i] >> 4);
            if (!v) { Py_CLEAR(res); break; }
            PyList_SET_ITEM(res, i, v);
        }
    }
    PyMem_Free(low);
    PyMem_Free(wh.p);
    return res;
}

/* ---- alignment past the chain: a passage's bounds, a pair's spans ---------------------------------- */

/* \w as ``re`` has it for str patterns (str.isalnum() or '_'); text._SENTENCE_END's two classes */
static inline int word_char(Py_UCS4 c) { return c < 128 ? ascii_word((uint8_t)c) : (c == '_' || Py_UNICODE_ISALNUM(c)); }
static inline int stop_char(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }
static inline int closer_char(Py_UCS4 c) {
    return c == '"' || c == '\'' || c == 0x201d || c == 0x2019 || c == 0xbb || c == ')' || c == ']';
}

/* The end of the sentence-end match of text._SENTENCE_END at i (``[.!?…]+[closers]*(?=\s)``, the string
   ending at ``end``), or -1; *next is where the search goes on (past the stops and closers scanned). Greedy
   runs then the look-ahead: giving back a stop or a closer leaves one of them next, never a space. */
static inline Py_ssize_t sentence_end_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *next) {
    Py_ssize_t j = i;
    while (j < end && stop_char(PyUnicode_READ(kind, data, j))) j++;
    if (j == i) { *next = i + 1; return -1; }
    while (j < end && closer_char(PyUnicode_READ(kind, data, j))) j++;
    *next = j;
    return (j < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) ? j : -1;
}

/* bounds(text, start, end): ``text._word_bounds`` and ``text._sentences`` of text[start:end] (Document
   offsets) as native int64s: word count nw, sentence count ns, then word starts, word ends, sentence starts,
   sentence ends. */
static PyObject *k_bounds(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "Unn:bounds", &text, &start, &end)) return NULL;
    Py_ssize_t tlen = PyUnicode_GET_LENGTH(text);
    if (start < 0 || end < start || end > tlen) {
        PyErr_SetString(PyExc_ValueError, "bounds: need 0 <= start <= end <= len(text)");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t nw = 0, nstop = 0, next;
    int in = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        int w = word_char(PyUnicode_READ(kind, data, i));
        if (w && !in) nw++;
        in = w;
    }
    for (Py_ssize_t i = start; i < end; i = next)
        if (sentence_end_at(kind, data, i, end, &next) >= 0) nstop++;
    Py_ssize_t ns = nstop + 1;
    PyObject *res = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)sizeof(int64_t) * (2 + 2 * nw + 2 * ns));
    if (!res) return NULL;
    int64_t *out = (int64_t *)PyBytes_AS_STRING(res);
    int64_t *ws = out + 2, *we = ws + nw, *ss = we + nw, *se = ss + ns;
    out[0] = nw; out[1] = ns;
    Py_ssize_t k = 0;
    in = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        int w = word_char(PyUnicode_READ(kind, data, i));
        if (w && !in) ws[k] = i;
        else if (!w && in) we[k++] = i;
        in = w;
    }
    if (in) we[k++] = end;
    ss[0] = start;
    k = 0;
    for (Py_ssize_t i = start; i < end; i = next) {
        Py_ssize_t e = sentence_end_at(kind, data, i, end, &next);
        if (e < 0) continue;
        se[k] = e;
        while (e < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e))) e++;
        ss[++k] = e;
    }
    se[k] = end;
    return res;
}

typedef struct { const int64_t *ws, *we, *ss, *se; Py_ssize_t nw, ns; } Bounds;

static int read_bounds(PyObject *b, Bounds *out) {
    if (!PyBytes_Check(b) || PyBytes_GET_SIZE(b) < 16) goto bad;
    const int64_t *p = (const int64_t *)PyBytes_AS_STRING(b);
    out->nw = (Py_ssize_t)p[0]; out->ns = (Py_ssize_t)p[1];
    if (out->nw < 0 || out->ns < 1 || PyBytes_GET_SIZE(b) != (Py_ssize_t)sizeof(int64_t) * (2 + 2 * out->nw + 2 * out->ns))
        goto bad;
    out->ws = p + 2; out->we = out->ws + out->nw; out->ss = out->we + out->nw; out->se = out->ss + out->ns;
    return 0;
bad:
    PyErr_SetString(PyExc_ValueError, "span: bounds must be kernel.bounds' bytes");
    return -1;
}

static inline Py_ssize_t bisect_left64(const int64_t *v, Py_ssize_t n, int64_t x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { Py_ssize_t mid = (lo + hi) / 2; if (v[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
}
static inline Py_ssize_t bisect_right64(const int64_t *v, Py_ssize_t n, int64_t x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { Py_ssize_t mid = (lo + hi) / 2; if (x < v[mid]) hi = mid; else lo = mid + 1; }
    return lo;
}

/* text.normalise(text[s:e]): built here when that slice is ASCII (" ".join(lower().split())), else by calling
   ``normalise``. Exactly one of ``ascii`` (with buf) or ``str`` holds it. */
typedef struct { int ascii; Buf buf; PyObject *str; } Norm;

static int slice_ascii(PyObject *text, int kind, const void *data, Py_ssize_t s, Py_ssize_t e) {
    if (PyUnicode_IS_ASCII(text)) return 1;
    for (Py_ssize_t i = s; i < e; i++) if (PyUnicode_READ(kind, data, i) >= 128) return 0;
    return 1;
}

static int norm_of(PyObject *text, Py_ssize_t s, Py_ssize_t e, PyObject *normalise, Norm *out) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    out->buf.n = 0;
    Py_CLEAR(out->str);
    out->ascii = slice_ascii(text, kind, data, s, e);
    if (out->ascii) {
        if (buf_reserve(&out->buf, (size_t)(e - s)) < 0) return -1;
        int gap = 0;
        for (Py_ssize_t i = s; i < e; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (ascii_space(c)) { gap = out->buf.n > 0; continue; }
            if (gap) { out->buf.p[out->buf.n++] = ' '; gap = 0; }
            out->buf.p[out->buf.n++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return 0;
    }
    PyObject *chunk = PyUnicode_Substring(text, s, e);
    if (!chunk) return -1;
    out->str = PyObject_CallOneArg(normalise, chunk);
    Py_DECREF(chunk);
    if (!out->str) return -1;
    if (!PyUnicode_Check(out->str)) {
        Py_CLEAR(out->str);
        PyErr_SetString(PyExc_TypeError, "normalise must return a str");
        return -1;
    }
    return 0;
}

/* The normalised text as a str (new reference). */
static PyObject *norm_str(Norm *n) {
    if (!n->ascii) { Py_INCREF(n->str); return n->str; }
    PyObject *s = PyUnicode_New((Py_ssize_t)n->buf.n, 127);
    if (s && n->buf.n) memcpy(PyUnicode_1BYTE_DATA(s), n->buf.p, n->buf.n);
    return s;
}

/* 1 when equal, 0 when not, -1 with an exception. */
static int norm_equal(Norm *x, Norm *y) {
    if (x->ascii && y->ascii) return x->buf.n == y->buf.n && (x->buf.n == 0 || memcmp(x->buf.p, y->buf.p, x->buf.n) == 0);
    PyObject *sx = norm_str(x), *sy = sx ? norm_str(y) : NULL;
    int eq = sy ? PyObject_RichCompareBool(sx, sy, Py_EQ) : -1;
    Py_XDECREF(sx); Py_XDECREF(sy);
    return eq;
}

/* align._absorb: both ends differ by a word or two, or only equal (normalised) punctuation is left on both. */
static int absorb(Py_ssize_t na, Py_ssize_t nb, PyObject *ta, Py_ssize_t a0, Py_ssize_t a1, PyObject *tb, Py_ssize_t b0,
                  Py_ssize_t b1, PyObject *normalise, Norm *x, Norm *y) {
    if (na == 0 && nb == 0) {
        if (norm_of(ta, a0, a1, normalise, x) < 0 || norm_of(tb, b0, b1, normalise, y) < 0) return -1;
        return norm_equal(x, y);
    }
    return 1 <= na && na <= EDGE_WORDS && 1 <= nb && nb <= EDGE_WORDS;
}

/* span(a0, a1, b0, b1, text_a, bounds_a, text_b, bounds_b, normalise): ``align._align_pure`` past the chain
   (its extent a0..a1, b0..b1 in word indexes): the ends snapped to sentence bounds when both sides differ
   there by a word or two, and the spans normalised. (sa, ea, sb, eb, None, None) when the normalised spans
   are equal, else (sa, ea, sb, eb, na, nb) with both normalised spans, for rapidfuzz's ratio. */
static PyObject *k_span(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t a0, a1, b0, b1;
    PyObject *ta, *pa, *tb, *pb, *normalise;
    if (!PyArg_ParseTuple(args, "nnnnUOUOO:span", &a0, &a1, &b0, &b1, &ta, &pa, &tb, &pb, &normalise)) return NULL;
    Bounds A, B;
    if (read_bounds(pa, &A) < 0 || read_bounds(pb, &B) < 0) return NULL;
    if (a0 < 0 || a1 <= a0 || a1 > A.nw || b0 < 0 || b1 <= b0 || b1 > B.nw ||
        A.se[A.ns - 1] > PyUnicode_GET_LENGTH(ta) || B.se[B.ns - 1] > PyUnicode_GET_LENGTH(tb)) {
        PyErr_SetString(PyExc_ValueError, "span: extent outside the passages");
        return NULL;
    }
    Norm x = {0, {NULL, 0, 0}, NULL}, y = {0, {NULL, 0, 0}, NULL};
    PyObject *res = NULL;
    /* align._sentence_start on each side */
    int64_t sa = A.ss[bisect_right64(A.ss, A.ns, A.ws[a0]) - 1];
    Py_ssize_t qa = a0 - bisect_left64(A.ws, A.nw, sa);
    int64_t sb = B.ss[bisect_right64(B.ss, B.ns, B.ws[b0]) - 1];
    Py_ssize_t qb = b0 - bisect_left64(B.ws, B.nw, sb);
    int ok = absorb(qa, qb, ta, sa, A.ws[a0], tb, sb, B.ws[b0], normalise, &x, &y);
    if (ok < 0) goto done;
    if (!ok) { sa = A.ws[a0]; sb = B.ws[b0]; }
    /* align._sentence_end on each side */
    Py_ssize_t ia = bisect_left64(A.se, A.ns, A.we[a1 - 1]), ib = bisect_left64(B.se, B.ns, B.we[b1 - 1]);
    if (ia >= A.ns || ib >= B.ns) { PyErr_SetString(PyExc_ValueError, "span: a word past the passage end"); goto done; }
    int64_t ea = A.se[ia], eb = B.se[ib];
    qa = bisect_right64(A.we, A.nw, ea) - a1;
    qb = bisect_right64(B.we, B.nw, eb) - b1;
    ok = absorb(qa, qb, ta, A.we[a1 - 1], ea, tb, B.we[b1 - 1], eb, normalise, &x, &y);
    if (ok < 0) goto done;
    if (!ok) { ea = A.we[a1 - 1]; eb = B.we[b1 - 1]; }
    if (norm_of(ta, sa, ea, normalise, &x) < 0 || norm_of(tb, sb, eb, normalise, &y) < 0) goto done;
    int eq = norm_equal(&x, &y);
    if (eq < 0) goto done;
    if (eq) {
        res = Py_BuildValue("(LLLLOO)", (long long)sa, (long long)ea, (long long)sb, (long long)eb, Py_None, Py_None);
    } else {
        PyObject *nx = norm_str(&x), *ny = nx ? norm_str(&y) : NULL;
        if (nx && ny) res = Py_BuildValue("(LLLLNN)", (long long)sa, (long long)ea, (long long)sb, (long long)eb, nx, ny);
        else { Py_XDECREF(nx); Py_XDECREF(ny); }
    }
done:
    PyMem_Free(x.buf.p); PyMem_Free(y.buf.p);
    Py_XDECREF(x.str); Py_XDECREF(y.str);
    return res;
}

/* ---- a page's blocks, a passage's word ids ------------------------------------------------------------ */

/* text._BLANK_GAP's blank characters between two line breaks */
static inline int blank_char(Py_UCS4 c) {
    return c == ' ' || c == '\t' || c == 0xa0 || (c >= 0x2000 && c <= 0x200b) || c == 0x3000;
}

/* The end of a line break at j (\r\n, \n or \r), or -1. */
static inline Py_ssize_t line_break(int kind, const void *data, Py_ssize_t j, Py_ssize_t n) {
    if (j >= n) return -1;
    Py_UCS4 c = PyUnicode_READ(kind, data, j);
    if (c == '\n') return j + 1;
    if (c == '\r') return (j + 1 < n && PyUnicode_READ(kind, data, j + 1) == '\n') ? j + 2 : j + 1;
    return -1;
}

/* The end of text._BLANK_GAP's match at i (``(?:\r?\n|\r)[blanks]*(?:\r?\n|\r)``), or -1. At a \r\n whose
   blank line does not follow, the pattern backtracks to \r as the first break and \n as the second: the
   \r\n alone is a gap (as the regular expression has it). */
static inline Py_ssize_t gap_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t n) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c != '\n' && c != '\r') return -1;
    Py_ssize_t j = (c == '\r' && i + 1 < n && PyUnicode_READ(kind, data, i + 1) == '\n') ? i + 2 : i + 1;
    while (j < n && blank_char(PyUnicode_READ(kind, data, j))) j++;
    Py_ssize_t k = line_break(kind, data, j, n);
    if (k < 0 && j > i + 1 && PyUnicode_READ(kind, data, i + 1) == '\n' && c == '\r') return i + 2;
    return k;
}

/* The first \n or \r at or after i (n when none): the only characters a gap starts at. */
static Py_ssize_t next_break(int kind, const void *data, Py_ssize_t i, Py_ssize_t n) {
#define SCAN(T) { const T *d = (const T *)data; for (; i < n; i++) if (d[i] <= '\r' && (d[i] == '\n' || d[i] == '\r')) return i; return n; }
    if (kind == PyUnicode_1BYTE_KIND) SCAN(Py_UCS1)
    if (kind == PyUnicode_2BYTE_KIND) SCAN(Py_UCS2)
    SCAN(Py_UCS4)
#undef SCAN
}

/* blocks(text) -> [(start, end)]: text.blocks (spans between blank lines, trimmed of whitespace). */
static PyObject *k_blocks(PyObject *self, PyObject *arg) {
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "blocks takes a str"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    Py_ssize_t pos = 0, i = 0;
    for (;;) {
        Py_ssize_t k = -1;
        for (; (i = next_break(kind, data, i, n)) < n; i++) if ((k = gap_at(kind, data, i, n)) >= 0) break;
        Py_ssize_t end = i < n ? i : n, a = pos, b = end;
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
        if (a < b) {
            PyObject *t = Py_BuildValue("(nn)", a, b);
            if (!t || PyList_Append(out, t) < 0) { Py_XDECREF(t); Py_DECREF(out); return NULL; }
            Py_DECREF(t);
        }
        if (i >= n) break;
        pos = i = k;
    }
    return out;
}

/* word_ids(chunk, fold) -> list[int]: text.tokens' ids of any passage: its words (\w runs), each ASCII one
   lowered here, any other as fold(word) gives it (NFKC, casefold, UTF-8), each xxh3 >> 4. */
static PyObject *k_word_ids(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *chunk, *fold;
    if (!PyArg_ParseTuple(args, "UO:word_ids", &chunk, &fold)) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(chunk);
    int kind = PyUnicode_KIND(chunk);
    const void *data = PyUnicode_DATA(chunk);
    PyObject *out = PyList_New(0);
    Buf low = {NULL, 0, 0};
    if (!out) return NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        if (!word_char(PyUnicode_READ(kind, data, i))) { i++; continue; }
        Py_ssize_t s = i;
        int ascii = 1;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (!word_char(c)) break;
            if (c >= 128) ascii = 0;
            i++;
        }
        uint64_t h;
        if (ascii) {
            low.n = 0;
            if (buf_reserve(&low, (size_t)(i - s)) < 0) goto fail;
            for (Py_ssize_t j = s; j < i; j++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, j);
                low.p[low.n++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            h = xxh3_64(low.p, low.n);
        } else {
            PyObject *word = PyUnicode_Substring(chunk, s, i);
            PyObject *folded = word ? PyObject_CallOneArg(fold, word) : NULL;
            Py_XDECREF(word);
            if (!folded) goto fail;
            if (!PyBytes_Check(folded)) {
                Py_DECREF(folded);
                PyErr_SetString(PyExc_TypeError, "fold must return bytes");
                goto fail;
            }
            h = xxh3_64((const uint8_t *)PyBytes_AS_STRING(folded), (size_t)PyBytes_GET_SIZE(folded));
            Py_DECREF(folded);
        }
        PyObject *v = PyLong_FromUnsignedLongLong(h >> 4);
        if (!v || PyList_Append(out, v) < 0) { Py_XDECREF(v); goto fail; }
        Py_DECREF(v);
    }
    PyMem_Free(low.p);
    return out;
fail:
    PyMem_Free(low.p);
    Py_DECREF(out);
    return NULL;
}

/* radix_sort(keys) and radix_sort_pairs(keys, values): the engine's sorts of shingle hashes and pair codes
 * (``engine.sorted_codes``, ``engine.sorted_by_hash``), in place, on writable C-contiguous buffers of 8-byte
 * items (keys compared as unsigned 64-bit integers; a pair code is a non-negative int64, so its order is
 * the same). Least significant digit first, 8 bits a pass, stable (as numpy's stable argsort); a digit
 * every key shares is skipped (a shingle partition's hashes share their top bits, pair codes their top
 * bytes). numpy's comparison sorts took ~45-95 ns an item here; a pass is a few. */
static int radix_buffer(PyObject *obj, Py_buffer *view, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != 8 || view->ndim != 1) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_ValueError, "%s: a one-dimensional buffer of 8-byte items is needed", what);
        return -1;
    }
    return 0;
}

static int radix_run(uint64_t *keys, uint64_t *vals, Py_ssize_t n) {
    if (n < 2) return 0;
    size_t (*count)[256] = PyMem_Calloc(8, sizeof(size_t[256]));
    uint64_t *tk = PyMem_Malloc((size_t)n * sizeof(uint64_t));
    uint64_t *tv = vals ? PyMem_Malloc((size_t)n * sizeof(uint64_t)) : NULL;
    if (!count || !tk || (vals && !tv)) {
        PyMem_Free(count); PyMem_Free(tk); PyMem_Free(tv);
        PyErr_NoMemory();
        return -1;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        for (int d = 0; d < 8; d++) count[d][(k >> (8 * d)) & 0xFF]++;
    }
    uint64_t *sk = keys, *sv = vals, *dk = tk, *dv = tv;
    for (int d = 0; d < 8; d++) {
        size_t *c = count[d];
        if (c[(sk[0] >> (8 * d)) & 0xFF] == (size_t)n) continue;  /* every key has this digit */
        size_t at = 0;
        for (int b = 0; b < 256; b++) { size_t m = c[b]; c[b] = at; at += m; }
        int shift = 8 * d;
        if (sv) {
            for (Py_ssize_t i = 0; i < n; i++) {
                size_t to = c[(sk[i] >> shift) & 0xFF]++;
                dk[to] = sk[i];
                dv[to] = sv[i];
            }
        } else {
            for (Py_ssize_t i = 0; i < n; i++) dk[c[(sk[i] >> shift) & 0xFF]++] = sk[i];
        }
        uint64_t *t = sk; sk = dk; dk = t;
        t = sv; sv = dv; dv = t;
    }
    if (sk != keys) {
        memcpy(keys, sk, (size_t)n * sizeof(uint64_t));
        if (vals) memcpy(vals, sv, (size_t)n * sizeof(uint64_t));
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(count); PyMem_Free(tk); PyMem_Free(tv);
    return 0;
}

static PyObject *k_radix_sort(PyObject *self, PyObject *arg) {
    Py_buffer kb;
    if (radix_buffer(arg, &kb, "radix_sort") < 0) return NULL;
    int r = radix_run((uint64_t *)kb.buf, NULL, kb.shape[0]);
    PyBuffer_Release(&kb);
    if (r < 0) return NULL;
    Py_RETURN_NONE;
}

static PyObject *k_radix_sort_pairs(PyObject *self, PyObject *args) {
    PyObject *ko, *vo;
    if (!PyArg_ParseTuple(args, "OO", &ko, &vo)) return NULL;
    Py_buffer kb, vb;
    if (radix_buffer(ko, &kb, "radix_sort_pairs") < 0) return NULL;
    if (radix_buffer(vo, &vb, "radix_sort_pairs") < 0) { PyBuffer_Release(&kb); return NULL; }
    int r = -1;
    if (kb.shape[0] != vb.shape[0]) PyErr_SetString(PyExc_ValueError, "radix_sort_pairs: keys and values differ in length");
    else if (kb.buf == vb.buf && kb.shape[0] > 0) PyErr_SetString(PyExc_ValueError, "radix_sort_pairs: keys and values share memory");
    else r = radix_run((uint64_t *)kb.buf, (uint64_t *)vb.buf, kb.shape[0]);
    PyBuffer_Release(&kb);
    PyBuffer_Release(&vb);
    if (r < 0) return NULL;
    Py_RETURN_NONE;
}

/* route_records(src, dst, counts, bits): the engine's shingle records (12 bytes: uint64 hash, uint32 node)
 * grouped by partition, the hash's top ``bits`` bits, into ``dst`` (a counting sort: stable), and
 * ``counts[p]`` (int64, 2**bits of them) set to partition p's records. What numpy did with a shift, a stable
 * argsort and a take of the records (~80 ns a record here; ``engine.route_records`` is the reference). */
static PyObject *k_route_records(PyObject *self, PyObject *args) {
    PyObject *so, *dobj, *co;
    int bits;
    if (!PyArg_ParseTuple(args, "OOOi", &so, &dobj, &co, &bits)) return NULL;
    if (bits < 0 || bits > 16) {
        PyErr_SetString(PyExc_ValueError, "route_records: bits must be 0..16");
        return NULL;
    }
    Py_buffer sb, db, cb;
    if (PyObject_GetBuffer(so, &sb, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (PyObject_GetBuffer(dobj, &db, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) < 0) { PyBuffer_Release(&sb); return NULL; }
    if (radix_buffer(co, &cb, "route_records") < 0) { PyBuffer_Release(&sb); PyBuffer_Release(&db); return NULL; }
    PyObject *ret = NULL;
    Py_ssize_t n_parts = (Py_ssize_t)1 << bits;
    if (sb.itemsize != 12 || db.itemsize != 12 || sb.len != db.len) {
        PyErr_SetString(PyExc_ValueError, "route_records: src and dst must be records of 12 bytes, as many");
    } else if (cb.shape[0] != n_parts) {
        PyErr_SetString(PyExc_ValueError, "route_records: counts must have 2**bits items");
    } else if (sb.buf == db.buf && sb.len > 0) {
        PyErr_SetString(PyExc_ValueError, "route_records: src and dst share memory");
    } else {
        Py_ssize_t n = sb.len / 12;
        const uint8_t *src = (const uint8_t *)sb.buf;
        uint8_t *dst = (uint8_t *)db.buf;
        int64_t *counts = (int64_t *)cb.buf;
        int shift = 64 - bits;
        size_t *at = PyMem_Calloc((size_t)n_parts, sizeof(size_t));
        if (!at) {
            PyErr_NoMemory();
        } else {
            Py_BEGIN_ALLOW_THREADS
            for (Py_ssize_t i = 0; i < n; i++) {
                uint64_t h;
                memcpy(&h, src + 12 * i, 8);
                at[bits ? (size_t)(h >> shift) : 0]++;
            }
            size_t acc = 0;
            for (Py_ssize_t p = 0; p < n_parts; p++) { counts[p] = (int64_t)at[p]; size_t m = at[p]; at[p] = acc; acc += m; }
            for (Py_ssize_t i = 0; i < n; i++) {
                uint64_t h;
                memcpy(&h, src + 12 * i, 8);
                memcpy(dst + 12 * at[bits ? (size_t)(h >> shift) : 0]++, src + 12 * i, 12);
            }
            Py_END_ALLOW_THREADS
            PyMem_Free(at);
            ret = Py_None;
            Py_INCREF(ret);
        }
    }
    PyBuffer_Release(&sb);
    PyBuffer_Release(&db);
    PyBuffer_Release(&cb);
    return ret;
}

static PyObject *k_constants(PyObject *self, PyObject *noargs) {
    return Py_BuildValue("(iiii)", SMALL_GAP, LARGE_GAP, MIN_END_RUN, EDGE_WORDS);
}

static PyMethodDef methods[] = {
    {"best_chain", k_best_chain, METH_VARARGS,
     "best_chain(ca, cb, cover) -> (a0, a1, b0, b1) | None: align._chain_pure in one call."},
    {"runs", k_runs, METH_VARARGS,
     "runs(ca, cb) -> list of (a0, a1, b0, b1): the equal blocks of rapidfuzz's Indel.opcodes(ca, cb)."},
    {"features", k_features, METH_VARARGS,
     "features(text, spans, k, normalise) -> (exact, words, kgrams, offsets): document_features' pass; "
     "kgrams (uint64) and offsets (int64) as native-endian bytes."},
    {"ascii_word_ids", k_ascii_word_ids, METH_O,
     "ascii_word_ids(chunk: str) -> list[int]: text.word_ids of an ASCII passage's words (lowered \\w runs)."},
    {"xxh3_64", k_xxh3, METH_O, "xxh3_64(data: bytes) -> int: XXH3-64 of data (seed 0), as xxhash.xxh3_64_intdigest."},
    {"chain_cover_batch", k_chain_cover_batch, METH_VARARGS,
     "chain_cover_batch(ids, starts, counts, pa, pb, cover, min_span_words, out) -> int: chain_cover of pairs "
     "(pa[i], pb[i]) of passages ids[starts[p]:starts[p]+counts[p]] (uint64 word ids); extents (or -1s) into out."},
    {"chain_cover", k_chain_cover, METH_VARARGS,
     "chain_cover(ca, cb, cover, min_span_words) -> (a0, a1, b0, b1) | None: best_chain, then align's coverage check."},
    {"bounds", k_bounds, METH_VARARGS,
     "bounds(text, start, end) -> bytes: text._word_bounds and text._sentences as int64s (nw, ns, then the four)."},
    {"span", k_span, METH_VARARGS,
     "span(a0, a1, b0, b1, text_a, bounds_a, text_b, bounds_b, normalise) -> (sa, ea, sb, eb, na | None, nb | None): "
     "align past the chain."},
    {"blocks", k_blocks, METH_O, "blocks(text) -> list of (start, end): text.blocks (spans between blank lines, trimmed)."},
    {"word_ids", k_word_ids, METH_VARARGS,
     "word_ids(chunk, fold) -> list[int]: text.tokens' ids of any passage (non-ASCII words through fold)."},
    {"radix_sort", k_radix_sort, METH_O,
     "radix_sort(keys) -> None: keys (a writable C-contiguous buffer of 8-byte items) sorted in place as uint64."},
    {"radix_sort_pairs", k_radix_sort_pairs, METH_VARARGS,
     "radix_sort_pairs(keys, values) -> None: both sorted in place by keys (uint64), stably."},
    {"route_records", k_route_records, METH_VARARGS,
     "route_records(src, dst, counts, bits) -> None: 12-byte shingle records grouped by their hash's top bits "
     "into dst (stable), counts per partition into counts (int64)."},
    {"constants", k_constants, METH_NOARGS, "(SMALL_GAP, LARGE_GAP, MIN_END_RUN, EDGE_WORDS) as compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kernel", NULL, -1, methods};

PyMODINIT_FUNC PyInit_kernel(void) { return PyModule_Create(&module); }
