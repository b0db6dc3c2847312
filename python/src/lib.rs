//! Python bindings of storysift: the extension module `storysift._storysift`.
//!
//! Every call converts its Python arguments into owned Rust values first,
//! then runs the engine with the GIL released (other Python threads go on
//! meanwhile), then turns the result into Python objects (`pythonize` for
//! small records, by hand for a batch's answer).
//! The objects have the shapes of the `storysift` command's JSON output
//! (`json.loads` of the command's output equals what these functions
//! return), so a pipeline can move between the two freely.

use pyo3::exceptions::{PyException, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use storysift::{DocumentBuf, Format, Sifter};

pyo3::create_exception!(
    storysift,
    StorysiftError,
    PyException,
    "An error of the storysift engine: a document over the size limit, a duplicate id, a saved index that cannot be loaded."
);

/// The engine's error as a Python exception: invalid settings are
/// `ValueError`s, everything else a `StorysiftError` whose `code` is the
/// error's stable name (`"duplicate_id"`, `"too_large"`, `"not_text"`…).
fn py_err(e: storysift::Error) -> PyErr {
    if let storysift::Error::InvalidConfig { .. } = e {
        return PyValueError::new_err(e.to_string());
    }
    Python::attach(|py| {
        let err = StorysiftError::new_err(e.to_string());
        // Setting an attribute on a fresh exception object cannot fail
        // short of memory exhaustion; the error is still raised then.
        let _ = err.value(py).setattr("code", e.code());
        err
    })
}

fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Frees `v` on a thread of its own: a batch's documents and answer are
/// millions of allocations (0.2 s of frees for 25,000 documents), and the
/// caller has its Python objects already. (When no thread can be started,
/// the closure, and `v` with it, is dropped here.)
fn free_later<T: Send + 'static>(v: T) {
    let _ = std::thread::Builder::new()
        .name("storysift-free".into())
        .spawn(move || drop(v));
}

/// Runs `f` with Python's cyclic garbage collector paused (when it was
/// running), then resumes it, whatever `f` returns. Turning a batch's
/// answer into Python objects creates millions of dicts, lists and
/// strings, none of them in a cycle; the collector's passes over them took
/// 2 of 7 seconds on 25,000 documents.
fn without_gc<'py, R>(py: Python<'py>, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
    let gc = py.import("gc")?;
    let was_on: bool = gc.call_method0("isenabled")?.extract()?;
    if was_on {
        gc.call_method0("disable")?;
    }
    let out = f();
    if was_on {
        gc.call_method0("enable")?;
    }
    out
}

/// A format name as the command spells it, or `None` (sniffed).
fn format_of(name: Option<&str>) -> PyResult<Option<Format>> {
    name.map(|n| {
        n.parse::<Format>()
            .map_err(|e| PyValueError::new_err(e.to_string()))
    })
    .transpose()
}

/// A document from `content` (`str` or `bytes`) and its options.
fn document(
    id: String,
    content: &Bound<'_, PyAny>,
    format: Option<Format>,
    charset: Option<String>,
    outlet: Option<String>,
) -> PyResult<DocumentBuf> {
    let doc = if let Ok(s) = content.cast::<PyString>() {
        let s = s.to_str()?;
        let format = format.unwrap_or_else(|| Format::sniff(s.as_bytes()));
        DocumentBuf::new(id, format, s)
    } else if let Ok(b) = content.cast::<PyBytes>() {
        let b = b.as_bytes();
        let format = format.unwrap_or_else(|| Format::sniff(b));
        let doc = DocumentBuf::from_bytes(id, format, b);
        match charset {
            Some(c) => doc.charset(c),
            None => doc,
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "a document's content is str or bytes, not {}",
            content.get_type().name()?
        )));
    };
    Ok(match outlet {
        Some(o) => doc.outlet(o),
        None => doc,
    })
}

/// A document given to `sift` or `Index.add`: a mapping with `id` and
/// `content` (and optionally `format`, `charset`, `outlet`), or an
/// `(id, content)` pair.
fn document_of(item: &Bound<'_, PyAny>) -> PyResult<DocumentBuf> {
    if let Ok(d) = item.cast::<PyDict>() {
        let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            Ok(d.get_item(k)?.filter(|v| !v.is_none()))
        };
        let opt = |k: &str| -> PyResult<Option<String>> {
            get(k)?.map(|v| v.extract::<String>()).transpose()
        };
        let id: String = get("id")?
            .ok_or_else(|| PyValueError::new_err("a document needs an \"id\""))?
            .extract()
            .map_err(|_| PyTypeError::new_err("a document's \"id\" is a str"))?;
        let content = get("content")?
            .ok_or_else(|| PyValueError::new_err(format!("document {id:?} needs a \"content\"")))?;
        let format = format_of(opt("format")?.as_deref())?;
        return document(id, &content, format, opt("charset")?, opt("outlet")?);
    }
    if let Ok(t) = item.cast::<PyTuple>() {
        if t.len() == 2 {
            let id: String = t
                .get_item(0)?
                .extract()
                .map_err(|_| PyTypeError::new_err("a document's id is a str"))?;
            return document(id, &t.get_item(1)?, None, None, None);
        }
    }
    Err(PyTypeError::new_err(format!(
        "a document is a dict with \"id\" and \"content\" or an (id, content) tuple, not {}",
        item.get_type().name()?
    )))
}

fn documents_of(docs: &Bound<'_, PyAny>) -> PyResult<Vec<DocumentBuf>> {
    docs.try_iter()?.map(|d| document_of(&d?)).collect()
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// The engine's settings that the Python API exposes.
#[derive(Clone, Copy)]
struct Settings {
    lexical_links: bool,
    statement_dedup: bool,
    templates: bool,
    group_all_kinds: bool,
    max_document_bytes: Option<usize>,
}

/// The settings' keyword names, in the order the docs list them.
const SETTINGS: [&str; 5] = [
    "lexical_links",
    "statement_dedup",
    "templates",
    "group_all_kinds",
    "max_document_bytes",
];

/// The index's settings (statement dedup is a batch's assembly stage).
const INDEX_SETTINGS: [&str; 4] = [
    "lexical_links",
    "templates",
    "group_all_kinds",
    "max_document_bytes",
];

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lexical_links: true,
            statement_dedup: true,
            templates: true,
            group_all_kinds: false,
            max_document_bytes: None,
        }
    }
}

impl Settings {
    /// The settings given as keyword arguments (`**settings`), defaults
    /// for the others; a keyword outside `allowed` is a `TypeError`.
    fn from_kwargs(kwargs: Option<&Bound<'_, PyDict>>, allowed: &[&str]) -> PyResult<Settings> {
        let mut s = Settings::default();
        for (k, v) in kwargs.into_iter().flatten() {
            let k: String = k.extract()?;
            if !allowed.contains(&k.as_str()) {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument {k:?} (settings: {})",
                    allowed.join(", ")
                )));
            }
            match k.as_str() {
                "lexical_links" => s.lexical_links = v.extract()?,
                "statement_dedup" => s.statement_dedup = v.extract()?,
                "templates" => s.templates = v.extract()?,
                "group_all_kinds" => s.group_all_kinds = v.extract()?,
                _ => s.max_document_bytes = v.extract()?,
            }
        }
        Ok(s)
    }

    fn sifter(self) -> PyResult<Sifter> {
        let mut b = Sifter::builder();
        b.lexical_links(self.lexical_links)
            .statement_dedup(self.statement_dedup)
            .cross_story_templates(self.templates)
            .group_all_kinds(self.group_all_kinds);
        if let Some(n) = self.max_document_bytes {
            b.max_document_bytes(Some(n));
        }
        b.build().map_err(py_err)
    }
}

/// Cleans one page or text scrape: its paragraphs, the removed blocks with
/// their reasons, its metadata and page kind.
#[pyfunction]
#[pyo3(signature = (content, *, format=None, charset=None, url=None, id="document", outlet=None, max_document_bytes=None))]
#[allow(clippy::too_many_arguments)]
fn clean<'py>(
    py: Python<'py>,
    content: &Bound<'py, PyAny>,
    format: Option<&str>,
    charset: Option<String>,
    url: Option<String>,
    id: &str,
    outlet: Option<String>,
    max_document_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let doc = document(id.to_owned(), content, format_of(format)?, charset, outlet)?;
    let sifter = Settings {
        max_document_bytes,
        ..Settings::default()
    }
    .sifter()?;
    let cleaned = py.detach(|| sifter.clean(&doc)).map_err(py_err)?;
    let out = to_py(py, &cleaned)?;
    let d = out.cast::<PyDict>()?;
    d.set_item("id", doc.as_document().id())?;
    d.set_item("format", doc.format().name())?;
    if let Some(u) = url {
        d.set_item("url", u)?;
    }
    Ok(out)
}

/// Sifts a batch: cleans every document, groups them into stories and
/// returns each story's unique paragraphs with their sources.
///
/// `**settings`: the keywords of `storysift.SETTINGS` (see the package's
/// README); every stage of one job takes the same.
#[pyfunction]
#[pyo3(signature = (docs, **settings))]
fn sift<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let docs = documents_of(docs)?;
    let sifter = Settings::from_kwargs(settings, &SETTINGS)?.sifter()?;
    let sifted = py.detach(|| sifter.sift(&docs)).map_err(py_err)?;
    let out = without_gc(py, || sifted_to_py(py, &sifted));
    free_later((docs, sifted));
    out
}

/// Corpus-wide statistics for sifting a corpus in parts (`sift_part`):
/// document and story frequencies, the texts shared by parts, the parts'
/// template judgments. Merged in any order; picklable (a Spark job
/// broadcasts it).
#[pyclass(module = "storysift")]
#[derive(Clone, Default)]
struct CorpusStats {
    inner: storysift::CorpusStats,
}

#[pymethods]
impl CorpusStats {
    #[new]
    fn new() -> Self {
        CorpusStats::default()
    }

    /// Adds `other` in (sums, unions, maxima).
    fn merge(&mut self, other: &CorpusStats) {
        self.inner.merge(&other.inner);
    }

    /// Records paragraph-text hashes held by documents of two or more parts.
    fn add_shared_texts(&mut self, texts: Vec<u64>) {
        self.inner.add_shared_texts(texts);
    }

    /// Documents counted.
    #[getter]
    fn documents(&self) -> u32 {
        self.inner.documents()
    }

    /// Stories counted.
    #[getter]
    fn stories(&self) -> u32 {
        self.inner.stories()
    }

    /// As JSON.
    fn dumps(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| StorysiftError::new_err(e.to_string()))
    }

    /// From the JSON of `dumps`.
    #[staticmethod]
    fn loads(text: &str) -> PyResult<CorpusStats> {
        serde_json::from_str(text)
            .map(|inner| CorpusStats { inner })
            .map_err(|e| StorysiftError::new_err(format!("not corpus statistics: {e}")))
    }

    fn __getstate__(&self) -> PyResult<String> {
        self.dumps()
    }

    fn __setstate__(&mut self, state: &str) -> PyResult<()> {
        *self = Self::loads(state)?;
        Ok(())
    }

    fn __eq__(&self, other: &CorpusStats) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusStats(documents={}, stories={})",
            self.inner.documents(),
            self.inner.stories()
        )
    }
}

/// A document's blocking keys (`document_keys`): `copy` and `terms` to
/// group by, `linked(other)` to check a pair found so. Picklable.
#[pyclass(module = "storysift")]
#[derive(Clone, Default)]
struct DocumentKeys {
    inner: storysift::DocumentKeys,
}

#[pymethods]
impl DocumentKeys {
    #[new]
    fn new() -> Self {
        DocumentKeys::default()
    }

    /// Sampled shingle keys.
    #[getter]
    fn copy(&self) -> Vec<u32> {
        self.inner.copy.clone()
    }

    /// The heaviest content terms.
    #[getter]
    fn terms(&self) -> Vec<u32> {
        self.inner.terms.clone()
    }

    /// Shared copy keys that can link two documents.
    #[classattr]
    const MIN_SHARED_COPY: usize = storysift::DocumentKeys::MIN_SHARED_COPY;
    /// Share of the smaller copy key set that must be shared.
    #[classattr]
    const MIN_COPY_SHARE: f64 = storysift::DocumentKeys::MIN_COPY_SHARE;

    /// Whether the two documents may belong to one story:
    /// `copy_linked` on their shared copy keys, or `terms_linked`.
    fn linked(&self, other: &DocumentKeys) -> bool {
        self.inner.linked(&other.inner)
    }

    /// Whether `shared` copy keys link two documents holding `a` and `b`
    /// copy keys (the copy half of `linked`).
    #[staticmethod]
    fn copy_linked(shared: usize, a: usize, b: usize) -> bool {
        storysift::DocumentKeys::copy_linked(shared, a, b)
    }

    /// Whether the two documents' term vectors are similar enough (the
    /// lexical half of `linked`).
    fn terms_linked(&self, other: &DocumentKeys) -> bool {
        self.inner.terms_linked(&other.inner)
    }

    /// The term vector folded small (`folded_linked` compares two).
    fn folded<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.folded())
    }

    /// The keys as bytes (`from_bytes` reads them back).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// Keys written by `to_bytes`; `ValueError` for other bytes.
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<DocumentKeys> {
        storysift::DocumentKeys::from_bytes(data)
            .map(|inner| DocumentKeys { inner })
            .ok_or_else(|| PyValueError::new_err("not document keys"))
    }

    fn __getstate__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        self.to_bytes(py)
    }

    fn __setstate__(&mut self, state: &[u8]) -> PyResult<()> {
        *self = Self::from_bytes(state)?;
        Ok(())
    }
}

/// Keys written by `DocumentKeys.to_bytes`, decoded.
fn keys_of_bytes(items: &Bound<'_, PyAny>) -> PyResult<Vec<storysift::DocumentKeys>> {
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        let bytes = item.cast::<PyBytes>()?;
        out.push(
            storysift::DocumentKeys::from_bytes(bytes.as_bytes())
                .ok_or_else(|| PyValueError::new_err("not document keys"))?,
        );
    }
    Ok(out)
}

/// The heaviest terms of a group of documents, given their keys as
/// `DocumentKeys.to_bytes` writes them and, optionally, how many documents
/// have each (the group's lexical candidate keys).
#[pyfunction]
#[pyo3(signature = (members, copies=None))]
fn group_terms(
    py: Python<'_>,
    members: &Bound<'_, PyAny>,
    copies: Option<Vec<u32>>,
) -> PyResult<Vec<u32>> {
    let members = keys_of_bytes(members)?;
    let copies = copies.unwrap_or_else(|| vec![1; members.len()]);
    if copies.len() != members.len() {
        return Err(PyValueError::new_err("one count of copies per member"));
    }
    Ok(py.detach(|| storysift::DocumentKeys::group_terms(members.iter().zip(copies))))
}

/// A group's ceiling, given its members' keys as `DocumentKeys.to_bytes`
/// writes them: keys whose vector is the elementwise maximum of the
/// members' (fold it with `folded`). No document of one group is
/// `terms_linked` to one of another when the two ceilings are not.
#[pyfunction]
fn group_ceiling(py: Python<'_>, members: &Bound<'_, PyAny>) -> PyResult<DocumentKeys> {
    let members = keys_of_bytes(members)?;
    let inner = py.detach(|| storysift::DocumentKeys::group_ceiling(&members));
    Ok(DocumentKeys { inner })
}

/// Of a folded vector (`DocumentKeys.folded`) and others, whether each
/// pair may be `terms_linked` (never `False` when the vectors folded are):
/// one call for all the candidates of a group.
#[pyfunction]
fn folded_linked(py: Python<'_>, folded: &[u8], others: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    let mut all = Vec::new();
    for item in others.try_iter()? {
        all.push(item?.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    py.detach(|| {
        all.iter()
            .map(|o| {
                storysift::DocumentKeys::folded_linked(folded, o)
                    .ok_or_else(|| PyValueError::new_err("not a folded vector"))
            })
            .collect()
    })
}

/// Of a group of documents and other groups (keys as
/// `DocumentKeys.to_bytes` writes them), whether each other group has a
/// document `terms_linked` to one of the group's: one call into the engine
/// for all the candidates of a group.
#[pyfunction]
fn groups_linked(
    py: Python<'_>,
    group: &Bound<'_, PyAny>,
    others: &Bound<'_, PyAny>,
) -> PyResult<Vec<bool>> {
    let group = keys_of_bytes(group)?;
    let others = others
        .try_iter()?
        .map(|o| keys_of_bytes(&o?))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(py.detach(|| {
        others
            .iter()
            .map(|o| o.iter().any(|b| group.iter().any(|a| a.terms_linked(b))))
            .collect()
    }))
}

/// Step 1 and 2 of the corpus statistics for one document: its share of
/// the document frequencies and the hashes of its paragraph texts.
///
/// `**settings`: the keywords of `storysift.SETTINGS` (see the package's
/// README); every stage of one job takes the same.
#[pyfunction]
#[pyo3(signature = (doc, **settings))]
fn document_stats(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(CorpusStats, Vec<u64>)> {
    let doc = document_of(doc)?;
    let sifter = Settings::from_kwargs(settings, &SETTINGS)?.sifter()?;
    py.detach(|| {
        sifter.clean(&doc).map(|c| {
            (
                CorpusStats {
                    inner: storysift::CorpusStats::of_document(&sifter, &c),
                },
                sifter.document_texts(&c).texts,
            )
        })
    })
    .map_err(py_err)
}

/// A document's blocking keys under the corpus's document frequencies.
///
/// `**settings`: the keywords of `storysift.SETTINGS` (see the package's
/// README); every stage of one job takes the same.
#[pyfunction]
#[pyo3(signature = (doc, stats, **settings))]
fn document_keys(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    stats: &CorpusStats,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<DocumentKeys> {
    let doc = document_of(doc)?;
    let sifter = Settings::from_kwargs(settings, &SETTINGS)?.sifter()?;
    py.detach(|| {
        sifter
            .clean(&doc)
            .map(|c| sifter.document_keys(&c, &stats.inner))
    })
    .map(|inner| DocumentKeys { inner })
    .map_err(py_err)
}

/// Step 3: a part's story frequencies and judgments of shared texts.
///
/// `**settings`: the keywords of `storysift.SETTINGS` (see the package's
/// README); every stage of one job takes the same.
#[pyfunction]
#[pyo3(signature = (docs, stats, **settings))]
fn part_stats(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    stats: &CorpusStats,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<CorpusStats> {
    let docs = documents_of(docs)?;
    let sifter = Settings::from_kwargs(settings, &SETTINGS)?.sifter()?;
    py.detach(|| sifter.part_stats(&docs, &stats.inner))
        .map(|inner| CorpusStats { inner })
        .map_err(py_err)
}

/// One part of a corpus, sifted with the corpus's statistics: for these
/// documents, what `sift` over the whole corpus returns.
///
/// `**settings`: the keywords of `storysift.SETTINGS` (see the package's
/// README); every stage of one job takes the same.
#[pyfunction]
#[pyo3(signature = (docs, stats, **settings))]
fn sift_part<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    stats: &CorpusStats,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let docs = documents_of(docs)?;
    let sifter = Settings::from_kwargs(settings, &SETTINGS)?.sifter()?;
    let sifted = py
        .detach(|| sifter.sift_part(&docs, &stats.inner))
        .map_err(py_err)?;
    let out = without_gc(py, || sifted_to_py(py, &sifted));
    free_later((docs, sifted));
    out
}

/// A batch's answer as Python objects, in the shape `pythonize` (and the
/// command's JSON) gives it, built by hand for speed: keys interned, one
/// string object per document id however many paragraphs name it. (The
/// tests compare the result with the command's JSON output.)
fn sifted_to_py<'py>(py: Python<'py>, sifted: &storysift::Sifted) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::intern;
    let ids: std::collections::HashMap<&str, Bound<'py, PyString>> = sifted
        .documents()
        .iter()
        .map(|d| (d.id(), PyString::new(py, d.id())))
        .collect();
    let id_of = |id: &str| -> Bound<'py, PyString> {
        ids.get(id)
            .cloned()
            .unwrap_or_else(|| PyString::new(py, id))
    };
    let documents = PyList::empty(py);
    for d in sifted.documents() {
        let o = PyDict::new(py);
        o.set_item(intern!(py, "id"), id_of(d.id()))?;
        if let Some(outlet) = d.outlet() {
            o.set_item(intern!(py, "outlet"), outlet)?;
        }
        o.set_item(intern!(py, "format"), d.format().name())?;
        if let Some(t) = d.title() {
            o.set_item(intern!(py, "title"), t)?;
        }
        if !d.metadata().is_empty() {
            o.set_item(intern!(py, "metadata"), to_py(py, d.metadata())?)?;
        }
        o.set_item(intern!(py, "page_kind"), to_py(py, &d.page_kind())?)?;
        o.set_item(intern!(py, "story"), d.story().index())?;
        o.set_item(intern!(py, "paragraphs"), d.paragraphs())?;
        let removed = PyList::empty(py);
        for r in d.removed() {
            let x = PyDict::new(py);
            x.set_item(intern!(py, "text"), r.text())?;
            x.set_item(intern!(py, "reason"), to_py(py, r.reason())?)?;
            removed.append(x)?;
        }
        o.set_item(intern!(py, "removed"), removed)?;
        if let Some(e) = d.error() {
            o.set_item(intern!(py, "error"), to_py(py, e)?)?;
        }
        documents.append(o)?;
    }
    let stories = PyList::empty(py);
    for st in sifted.stories() {
        let o = PyDict::new(py);
        o.set_item(intern!(py, "id"), st.id().index())?;
        o.set_item(intern!(py, "key"), st.key())?;
        if let Some(t) = st.title() {
            o.set_item(intern!(py, "title"), t)?;
        }
        if let Some(p) = st.published() {
            o.set_item(intern!(py, "published"), p)?;
        }
        let docs = PyList::empty(py);
        for d in st.documents() {
            docs.append(id_of(d))?;
        }
        o.set_item(intern!(py, "documents"), docs)?;
        let paras = PyList::empty(py);
        for p in st.paragraphs() {
            let x = PyDict::new(py);
            x.set_item(intern!(py, "text"), p.text())?;
            x.set_item(intern!(py, "partial"), p.is_partial())?;
            let sources = PyList::empty(py);
            for r in p.sources() {
                let y = PyDict::new(py);
                y.set_item(intern!(py, "document"), id_of(&r.document))?;
                y.set_item(intern!(py, "paragraph"), r.paragraph)?;
                sources.append(y)?;
            }
            x.set_item(intern!(py, "sources"), sources)?;
            paras.append(x)?;
        }
        o.set_item(intern!(py, "paragraphs"), paras)?;
        stories.append(o)?;
    }
    let out = PyDict::new(py);
    out.set_item(intern!(py, "documents"), documents)?;
    out.set_item(intern!(py, "stories"), stories)?;
    if !sifted.ignored().is_empty() {
        out.set_item(intern!(py, "ignored"), to_py(py, sifted.ignored())?)?;
    }
    Ok(out.into_any())
}

/// The incremental index: documents arrive one at a time (or a chunk at a
/// time) and each is answered at once with its story and its known
/// paragraphs.
#[pyclass(module = "storysift")]
struct Index {
    inner: storysift::Index,
    settings: Settings,
}

impl Index {
    /// An answer as the command prints it (`storysift index`: id, story,
    /// new_story, merged, new_paragraphs, known; `merged` always present),
    /// with the cleaned document when asked for.
    fn added<'py>(
        py: Python<'py>,
        id: &str,
        r: storysift::Result<storysift::Added>,
        cleaned: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("id", id)?;
        match r {
            Ok(a) => {
                out.set_item("story", a.story())?;
                out.set_item("new_story", a.is_new_story())?;
                out.set_item("merged", a.merged())?;
                out.set_item("new_paragraphs", a.new_paragraphs().collect::<Vec<_>>())?;
                out.set_item("known", to_py(py, a.known())?)?;
                if cleaned {
                    out.set_item("cleaned", to_py(py, a.cleaned())?)?;
                }
            }
            Err(e) => out.set_item("error", to_py(py, &e)?)?,
        }
        Ok(out)
    }
}

#[pymethods]
impl Index {
    #[new]
    #[pyo3(signature = (**settings))]
    fn new(settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let settings = Settings::from_kwargs(settings, &INDEX_SETTINGS)?;
        Ok(Index {
            inner: storysift::Index::new(settings.sifter()?).map_err(py_err)?,
            settings,
        })
    }

    /// Indexes one document and answers its story and known paragraphs
    /// (and its cleaned form with `cleaned=True`). Raises
    /// `StorysiftError` for a duplicate id or an oversized document
    /// (nothing is indexed then).
    #[pyo3(signature = (doc, *, cleaned=false))]
    fn add<'py>(
        &mut self,
        py: Python<'py>,
        doc: &Bound<'py, PyAny>,
        cleaned: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let doc = document_of(doc)?;
        let inner = &mut self.inner;
        let added = py.detach(|| inner.add(&doc)).map_err(py_err)?;
        Self::added(py, doc.as_document().id(), Ok(added), cleaned)
    }

    /// Indexes a chunk of documents (cleaned in parallel, indexed in
    /// order); one answer per document, an `{"id", "error"}` dict for a
    /// document that was refused.
    #[pyo3(signature = (docs, *, cleaned=false))]
    fn add_all<'py>(
        &mut self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        cleaned: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let docs = documents_of(docs)?;
        let inner = &mut self.inner;
        let results = py.detach(|| inner.add_all(&docs));
        without_gc(py, || {
            let out = PyList::empty(py);
            for (d, r) in docs.iter().zip(results) {
                out.append(Self::added(py, d.as_document().id(), r, cleaned)?)?;
            }
            free_later(docs);
            Ok(out)
        })
    }

    /// The story of an indexed document, or `None`.
    fn story_of(&self, id: &str) -> Option<String> {
        self.inner.story_of(id).map(str::to_owned)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.story_of(id).is_some()
    }

    /// Paragraphs indexed.
    #[getter]
    fn paragraphs(&self) -> usize {
        self.inner.paragraphs()
    }

    /// The index's heap size in bytes (an estimate that counts hash-table
    /// capacity).
    #[getter]
    fn heap_bytes(&self) -> usize {
        self.inner.heap_bytes()
    }

    /// The index as a JSON string (the command's `index --file` format).
    fn dumps(&self, py: Python<'_>) -> PyResult<String> {
        let inner = &self.inner;
        py.detach(|| serde_json::to_string(inner))
            .map_err(|e| StorysiftError::new_err(e.to_string()))
    }

    /// Saves the index to `path` as JSON (written to a temporary file
    /// beside it, then renamed).
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let inner = &self.inner;
        py.detach(|| -> std::io::Result<()> {
            let mut tmp = path.clone().into_os_string();
            tmp.push(".tmp");
            let tmp = std::path::PathBuf::from(tmp);
            let file = std::fs::File::create(&tmp)?;
            let mut w = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut w, inner).map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut w)?;
            std::fs::rename(&tmp, &path)
        })
        .map_err(|e| PyOSError::new_err(e.to_string()))
    }

    /// An index from the JSON of `dumps` (or the command's saved file).
    /// The settings given must be those it was built with; a file of
    /// another format or version raises `StorysiftError`.
    #[staticmethod]
    #[pyo3(signature = (text, **settings))]
    fn loads(py: Python<'_>, text: &str, settings: Option<&Bound<'_, PyDict>>) -> PyResult<Index> {
        let settings = Settings::from_kwargs(settings, &INDEX_SETTINGS)?;
        let sifter = settings.sifter()?;
        let inner = py.detach(|| -> Result<storysift::Index, String> {
            let saved: storysift::SavedIndex = serde_json::from_str(text)
                .map_err(|e| format!("not a saved storysift index: {e}"))?;
            storysift::Index::from_saved(saved, sifter).map_err(|e| e.to_string())
        });
        Ok(Index {
            inner: inner.map_err(StorysiftError::new_err)?,
            settings,
        })
    }

    /// `loads` of a file's contents.
    #[staticmethod]
    #[pyo3(signature = (path, **settings))]
    fn load(
        py: Python<'_>,
        path: std::path::PathBuf,
        settings: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Index> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
        Self::loads(py, &text, settings)
    }

    fn __repr__(&self) -> String {
        format!(
            "Index(documents={}, paragraphs={}, lexical_links={}, templates={})",
            self.inner.len(),
            self.inner.paragraphs(),
            py_bool(self.settings.lexical_links),
            py_bool(self.settings.templates)
        )
    }
}

#[pymodule]
fn _storysift(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(sift, m)?)?;
    m.add_class::<Index>()?;
    m.add_class::<CorpusStats>()?;
    m.add_class::<DocumentKeys>()?;
    m.add_function(wrap_pyfunction!(document_stats, m)?)?;
    m.add_function(wrap_pyfunction!(document_keys, m)?)?;
    m.add_function(wrap_pyfunction!(part_stats, m)?)?;
    m.add_function(wrap_pyfunction!(sift_part, m)?)?;
    m.add_function(wrap_pyfunction!(folded_linked, m)?)?;
    m.add_function(wrap_pyfunction!(group_ceiling, m)?)?;
    m.add_function(wrap_pyfunction!(group_terms, m)?)?;
    m.add_function(wrap_pyfunction!(groups_linked, m)?)?;
    m.add("StorysiftError", m.py().get_type::<StorysiftError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SETTINGS", SETTINGS.to_vec())?;
    Ok(())
}
