//! The typst engine behind [`super::render`]: a world of exactly two files (the template
//! and the data) and the fonts embedded in the binary — no system fonts, no packages, no
//! network — compiled and exported to PDF. Built only with the `pdf` cargo feature.

use super::{Date, Pdf, PdfError};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The template, compiled into the binary.
const TEMPLATE: &str = include_str!("report.typ");

/// Compiles the template over `data` (the JSON of [`data`]) and exports the PDF.
pub fn typeset(data: Vec<u8>, today: Date) -> Result<Pdf, PdfError> {
    let world = ReportWorld::new(data, today);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errors| PdfError(diagnostics(&world, &errors)))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("openindex-report".into()),
        creator: Smart::Custom(Some(format!(
            "openindex {} (typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: world
            .date
            .and_then(|d| Datetime::from_ymd_hms(d.year()?, d.month()?, d.day()?, 0, 0, 0))
            .map(typst_pdf::Timestamp::new_utc),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&document, &options)
        .map_err(|errors| PdfError(diagnostics(&world, &errors)))?;
    Ok(Pdf {
        bytes,
        pages: document.pages().len(),
    })
}

fn diagnostics(world: &ReportWorld, errors: &[SourceDiagnostic]) -> String {
    let mut out = String::from("the report could not be typeset:");
    for e in errors {
        let at = typst::WorldExt::range(world, e.span)
            .map(|r| {
                let line = world.main.text()[..r.start.min(world.main.text().len())]
                    .matches('\n')
                    .count()
                    + 1;
                format!(" (report.typ line {line})")
            })
            .unwrap_or_default();
        let what = if e.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        out.push_str(&format!("\n  {what}: {}{at}", e.message));
        for h in &e.hints {
            out.push_str(&format!("\n    hint: {}", h.v));
        }
    }
    out
}

/// The fonts embedded in the binary (typst's own: Libertinus Serif, New Computer Modern,
/// DejaVu Sans Mono), parsed once per process.
fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    static FONTS: OnceLock<(Vec<Font>, LazyHash<FontBook>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

/// The smallest world typst needs: one source, one data file, embedded fonts.
struct ReportWorld {
    library: LazyHash<Library>,
    main: Source,
    data_id: FileId,
    data: Bytes,
    date: Option<Datetime>,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl ReportWorld {
    fn new(data: Vec<u8>, today: Date) -> ReportWorld {
        ReportWorld {
            library: LazyHash::new(Library::default()),
            main: Source::new(file_id("/report.typ"), TEMPLATE.to_string()),
            data_id: file_id("/data.json"),
            data: Bytes::new(data),
            date: Datetime::from_ymd(today.year, today.month as u8, today.day as u8),
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().0.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.date
    }
}
