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

typedef struct { Py_ssize_t a0, a1, b0, b1; } Run;

/* One pattern bit vector per distinct character of the first string: open addressing on the code point. */
typedef struct {
    Py_ssize_t cap;     /* power of two */
    uint32_t *keys;
    Py_ssize_t *slot;   /* index of the key's vector, -1 when empty */
    uint64_t *bits;     /* distinct * words */
    Py_ssize_t words;
} Pattern;

static inline Py_ssize_t pat_find(const Pattern *p, uint32_t c) {
    Py_ssize_t mask = p->cap - 1;
    Py_ssize_t i = (Py_ssize_t)((c * 2654435761u) & (uint32_t)mask);
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

/* The characters of a str as code points (a fresh buffer; NULL and an exception on failure). */
static uint32_t *code_points(PyObject *s, Py_ssize_t *n) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    uint32_t *out = (uint32_t *)PyMem_Malloc(sizeof(uint32_t) * (size_t)(len ? len : 1));
    if (!out) { PyErr_NoMemory(); return NULL; }
    for (Py_ssize_t i = 0; i < len; i++) out[i] = (uint32_t)PyUnicode_READ(kind, data, i);
    *n = len;
    return out;
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
static Py_ssize_t indel_runs(const uint32_t *a, Py_ssize_t n1, const uint32_t *b, Py_ssize_t n2, Run *out) {
    Py_ssize_t lim = n1 < n2 ? n1 : n2;
    Py_ssize_t pre = 0, suf = 0;
    while (pre < lim && a[pre] == b[pre]) pre++;
    while (suf < lim - pre && a[n1 - 1 - suf] == b[n2 - 1 - suf]) suf++;
    const uint32_t *s1 = a + pre, *s2 = b + pre;
    Py_ssize_t m1 = n1 - pre - suf, m2 = n2 - pre - suf;
    /* reverse list of runs of the core, then assembled with the prefix and suffix */
    Py_ssize_t nrev = 0;
    Run *rev = NULL;
    if (m1 > 0 && m2 > 0) {
        Py_ssize_t words = (m1 + 63) / 64;
        Pattern p;
        p.words = words;
        p.cap = 16;
        while (p.cap < 2 * m1) p.cap <<= 1;
        p.keys = (uint32_t *)PyMem_Malloc(sizeof(uint32_t) * (size_t)p.cap);
        p.slot = (Py_ssize_t *)PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)p.cap);
        p.bits = (uint64_t *)PyMem_Calloc((size_t)m1 * (size_t)words, sizeof(uint64_t));
        uint64_t *S = (uint64_t *)PyMem_Malloc(sizeof(uint64_t) * (size_t)m2 * (size_t)words);
        uint64_t *cur = (uint64_t *)PyMem_Malloc(sizeof(uint64_t) * (size_t)words);
        Py_ssize_t *rowslot = (Py_ssize_t *)PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)m2);
        rev = (Run *)PyMem_Malloc(sizeof(Run) * (size_t)(lim + 1));
        if (!p.keys || !p.slot || !p.bits || !S || !cur || !rowslot || !rev) {
            PyMem_Free(p.keys); PyMem_Free(p.slot); PyMem_Free(p.bits); PyMem_Free(S); PyMem_Free(cur);
            PyMem_Free(rowslot); PyMem_Free(rev);
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < p.cap; i++) p.slot[i] = -1;
        Py_ssize_t distinct = 0, mask = p.cap - 1;
        for (Py_ssize_t i = 0; i < m1; i++) {
            uint32_t c = s1[i];
            Py_ssize_t h = (Py_ssize_t)((c * 2654435761u) & (uint32_t)mask);
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
        PyMem_Free(p.keys); PyMem_Free(p.slot); PyMem_Free(p.bits); PyMem_Free(S); PyMem_Free(cur);
        PyMem_Free(rowslot);
    }
    Py_ssize_t n = 0;
    if (pre > 0) { out[0].a0 = 0; out[0].a1 = pre; out[0].b0 = 0; out[0].b1 = pre; n = 1; }
    for (Py_ssize_t k = nrev - 1; k >= 0; k--) {
        Run r = rev[k];
        if (n > 0 && out[n - 1].a1 == r.a0 && out[n - 1].b1 == r.b0) { out[n - 1].a1 = r.a1; out[n - 1].b1 = r.b1; }
        else out[n++] = r;
    }
    PyMem_Free(rev);
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

/* Both strings' code points and their runs; 0 on success (*runs owned by the caller). */
static int pair_runs(PyObject *ca, PyObject *cb, uint32_t **a, Py_ssize_t *n1, uint32_t **b, Py_ssize_t *n2,
                     Run **runs, Py_ssize_t *nr) {
    *a = *b = NULL;
    *runs = NULL;
    *a = code_points(ca, n1);
    if (!*a) return -1;
    *b = code_points(cb, n2);
    if (!*b) return -1;
    Py_ssize_t lim = *n1 < *n2 ? *n1 : *n2;
    *runs = (Run *)PyMem_Malloc(sizeof(Run) * (size_t)(lim + 2));
    if (!*runs) { PyErr_NoMemory(); return -1; }
    *nr = indel_runs(*a, *n1, *b, *n2, *runs);
    return *nr < 0 ? -1 : 0;
}

static PyObject *k_best_chain(PyObject *self, PyObject *args) {
    PyObject *ca, *cb;
    double cover;
    if (!PyArg_ParseTuple(args, "UUd:best_chain", &ca, &cb, &cover)) return NULL;
    uint32_t *a, *b;
    Py_ssize_t n1 = 0, n2 = 0, nr = 0;
    Run *runs;
    PyObject *res = NULL;
    if (pair_runs(ca, cb, &a, &n1, &b, &n2, &runs, &nr) < 0) goto done;
    if (nr == 0 || n1 == 0 || n2 == 0) { Py_INCREF(Py_None); res = Py_None; goto done; }
    /* the runs' whole extent (align's cheap reject), as Python computes it: true division of ints */
    if ((double)(runs[nr - 1].a1 - runs[0].a0) / (double)n1 < cover &&
        (double)(runs[nr - 1].b1 - runs[0].b0) / (double)n2 < cover) {
        Py_INCREF(Py_None); res = Py_None;
        goto done;
    }
    Py_ssize_t lo, hi;
    best_chain(runs, nr, &lo, &hi);
    res = Py_BuildValue("(nnnn)", runs[lo].a0, runs[hi - 1].a1, runs[lo].b0, runs[hi - 1].b1);
done:
    PyMem_Free(a);
    PyMem_Free(b);
    PyMem_Free(runs);
    return res;
}

static PyObject *k_runs(PyObject *self, PyObject *args) {
    PyObject *ca, *cb;
    if (!PyArg_ParseTuple(args, "UU:runs", &ca, &cb)) return NULL;
    uint32_t *a, *b;
    Py_ssize_t n1 = 0, n2 = 0, nr = 0;
    Run *runs;
    PyObject *res = NULL;
    if (pair_runs(ca, cb, &a, &n1, &b, &n2, &runs, &nr) < 0) goto done;
    res = PyList_New(nr);
    if (!res) goto done;
    for (Py_ssize_t i = 0; i < nr; i++) {
        PyObject *t = Py_BuildValue("(nnnn)", runs[i].a0, runs[i].a1, runs[i].b0, runs[i].b1);
        if (!t) { Py_CLEAR(res); goto done; }
        PyList_SET_ITEM(res, i, t);
    }
done:
    PyMem_Free(a);
    PyMem_Free(b);
    PyMem_Free(runs);
    return res;
}

static PyObject *k_constants(PyObject *self, PyObject *noargs) {
    return Py_BuildValue("(iii)", SMALL_GAP, LARGE_GAP, MIN_END_RUN);
}

static PyMethodDef methods[] = {
    {"best_chain", k_best_chain, METH_VARARGS,
     "best_chain(ca, cb, cover) -> (a0, a1, b0, b1) | None: align._chain_pure in one call."},
    {"runs", k_runs, METH_VARARGS,
     "runs(ca, cb) -> list of (a0, a1, b0, b1): the equal blocks of rapidfuzz's Indel.opcodes(ca, cb)."},
    {"constants", k_constants, METH_NOARGS, "(SMALL_GAP, LARGE_GAP, MIN_END_RUN) as compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kernel", NULL, -1, methods};

PyMODINIT_FUNC PyInit_kernel(void) { return PyModule_Create(&module); }
