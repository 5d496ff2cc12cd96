//! Where `thresher warc`'s rows go: JSON Lines (plain or Zstandard) or
//! Parquet.
//!
//! In Parquet, every row field is a column: strings as `utf8`,
//! `http_status` as `int32`, `confidence` as `float64`, `authors`,
//! `categories` and `tags` as `list<utf8>`, and the nested `image` and
//! `removed` as JSON text (`utf8`), as they appear in the JSON row.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::args::RowFormat;
use crate::error::Error;
use crate::output::Output;

/// Zstandard level for `.zst` output: the library's default, fast enough
/// not to slow a run that extracts pages.
const ZSTD_LEVEL: i32 = 3;

/// The open output.
pub enum Rows {
    /// JSON Lines to a file or standard output.
    Jsonl(Output),
    /// Zstandard-compressed JSON Lines.
    Zst {
        /// The encoder over the file.
        encoder: zstd::stream::write::Encoder<'static, BufWriter<File>>,
        /// The file, for messages.
        path: PathBuf,
    },
    /// Parquet.
    #[cfg(feature = "parquet")]
    Parquet(parquet_rows::ParquetRows),
}

impl Rows {
    /// Opens the output for `format`; standard output when `path` is
    /// `None` (JSON Lines only).
    pub fn create(path: Option<&Path>, format: RowFormat) -> Result<Rows, Error> {
        let open = |p: &Path| {
            File::create(p).map_err(|source| Error::Write {
                path: Some(p.to_path_buf()),
                source,
            })
        };
        match (format, path) {
            (RowFormat::JsonlZst, Some(p)) => {
                let encoder =
                    zstd::stream::write::Encoder::new(BufWriter::new(open(p)?), ZSTD_LEVEL)
                        .map_err(|source| Error::Write {
                            path: Some(p.to_path_buf()),
                            source,
                        })?;
                Ok(Rows::Zst {
                    encoder,
                    path: p.to_path_buf(),
                })
            }
            #[cfg(feature = "parquet")]
            (RowFormat::Parquet, Some(p)) => Ok(Rows::Parquet(parquet_rows::ParquetRows::new(
                open(p)?,
                p.to_path_buf(),
            )?)),
            _ => Ok(Rows::Jsonl(Output::open(path)?)),
        }
    }

    /// Writes one row.
    pub fn write(&mut self, row: Map<String, Value>) -> Result<(), Error> {
        match self {
            Rows::Jsonl(out) => out.line(&Value::Object(row).to_string()),
            Rows::Zst { encoder, path } => {
                let mut line = Value::Object(row).to_string();
                line.push('\n');
                encoder
                    .write_all(line.as_bytes())
                    .map_err(|source| Error::Write {
                        path: Some(path.clone()),
                        source,
                    })
            }
            #[cfg(feature = "parquet")]
            Rows::Parquet(p) => p.write(row),
        }
    }

    /// Finishes the file: flushes, ends the Zstandard frame, writes the
    /// Parquet footer.
    pub fn finish(self) -> Result<(), Error> {
        match self {
            Rows::Jsonl(out) => out.finish(),
            Rows::Zst { encoder, path } => {
                encoder
                    .finish()
                    .and_then(|mut w| w.flush())
                    .map_err(|source| Error::Write {
                        path: Some(path),
                        source,
                    })
            }
            #[cfg(feature = "parquet")]
            Rows::Parquet(p) => p.finish(),
        }
    }
}

#[cfg(feature = "parquet")]
mod parquet_rows {
    use std::fs::File;
    use std::io;
    use std::path::PathBuf;
    use std::sync::Arc;

    use arrow_array::builder::{Float64Builder, Int32Builder, ListBuilder, StringBuilder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;
    use parquet::schema::types::ColumnPath;
    use serde_json::{Map, Value};

    use crate::error::Error;

    /// Rows held before they are handed to the Parquet writer as one batch.
    const BATCH_ROWS: usize = 128;

    /// Rows per row group at most. The writer keeps a whole row group in
    /// memory, and its default (a million rows) would grow with the
    /// archive.
    const ROW_GROUP_ROWS: usize = 2048;

    /// Memory the writer may hold for a row group before it is written
    /// out, whatever its rows: pages run to tens of kilobytes of text and
    /// Markdown each, so 2048 of them can hold a few hundred megabytes.
    const ROW_GROUP_BYTES: usize = 16 * 1024 * 1024;

    /// Bytes of a column's min and max kept in each row group's
    /// statistics.
    const STATISTICS_BYTES: usize = 64;

    /// Columns of long, nearly always distinct text, kept out of
    /// dictionary encoding: a dictionary of them saves nothing and holds
    /// a copy of every value until the row group is written.
    const NO_DICTIONARY: &[&str] = &["text", "markdown", "removed", "description", "title"];

    /// How a column is stored.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Kind {
        /// `utf8`, from a JSON string (or null).
        Text,
        /// `int32`.
        Int,
        /// `float64`.
        Float,
        /// `list<utf8>`, from a JSON list of strings.
        List,
        /// `utf8` holding the value as JSON text.
        Json,
    }

    /// The columns, in order: [`thresher::batch::warc::WARC_FIELDS`], then the JSON
    /// document's fields.
    pub fn columns() -> Vec<(&'static str, Kind)> {
        let kind = |name: &str| match name {
            "http_status" => Kind::Int,
            "confidence" => Kind::Float,
            "authors" | "categories" | "tags" => Kind::List,
            "image" | "removed" => Kind::Json,
            _ => Kind::Text,
        };
        thresher::batch::warc::WARC_FIELDS
            .iter()
            .chain(thresher::render::json::FIELDS)
            .map(|&name| (name, kind(name)))
            .collect()
    }

    fn schema() -> SchemaRef {
        let fields: Vec<Field> = columns()
            .into_iter()
            .map(|(name, kind)| {
                let t = match kind {
                    Kind::Text | Kind::Json => DataType::Utf8,
                    Kind::Int => DataType::Int32,
                    Kind::Float => DataType::Float64,
                    Kind::List => {
                        DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
                    }
                };
                Field::new(name, t, true)
            })
            .collect();
        Arc::new(Schema::new(fields))
    }

    /// A Parquet file being written, batch by batch.
    pub struct ParquetRows {
        writer: ArrowWriter<File>,
        schema: SchemaRef,
        pending: Vec<Map<String, Value>>,
        path: PathBuf,
    }

    impl ParquetRows {
        pub fn new(file: File, path: PathBuf) -> Result<Self, Error> {
            let schema = schema();
            let mut props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::default()))
                .set_max_row_group_size(ROW_GROUP_ROWS);
            for &name in NO_DICTIONARY {
                props = props.set_column_dictionary_enabled(ColumnPath::from(name), false);
            }
            // Each row group's footer keeps every column's min and max;
            // whole page texts there would make the footer, held in memory
            // until the end, grow with the archive.
            props = props.set_statistics_truncate_length(Some(STATISTICS_BYTES));
            let props = props.build();
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
                .map_err(|e| error(&path, e))?;
            Ok(ParquetRows {
                writer,
                schema,
                pending: Vec::with_capacity(BATCH_ROWS),
                path,
            })
        }

        pub fn write(&mut self, row: Map<String, Value>) -> Result<(), Error> {
            self.pending.push(row);
            if self.pending.len() >= BATCH_ROWS {
                self.flush()?;
            }
            Ok(())
        }

        fn flush(&mut self) -> Result<(), Error> {
            if self.pending.is_empty() {
                return Ok(());
            }
            let arrays: Vec<ArrayRef> = columns()
                .into_iter()
                .map(|(name, kind)| column(&self.pending, name, kind))
                .collect();
            self.pending.clear();
            let batch = RecordBatch::try_new(self.schema.clone(), arrays)
                .map_err(|e| error(&self.path, e))?;
            self.writer
                .write(&batch)
                .map_err(|e| error(&self.path, e))?;
            if self.writer.memory_size() > ROW_GROUP_BYTES {
                self.writer.flush().map_err(|e| error(&self.path, e))?;
            }
            Ok(())
        }

        pub fn finish(mut self) -> Result<(), Error> {
            self.flush()?;
            self.writer
                .close()
                .map(|_| ())
                .map_err(|e| error(&self.path, e))
        }
    }

    fn error(path: &std::path::Path, e: impl std::fmt::Display) -> Error {
        Error::Write {
            path: Some(path.to_path_buf()),
            source: io::Error::other(e.to_string()),
        }
    }

    /// One column of `rows`.
    fn column(rows: &[Map<String, Value>], name: &str, kind: Kind) -> ArrayRef {
        let values = rows.iter().map(|r| r.get(name).unwrap_or(&Value::Null));
        match kind {
            Kind::Text => {
                let mut b = StringBuilder::new();
                for v in values {
                    match v {
                        Value::String(s) => b.append_value(s),
                        Value::Null => b.append_null(),
                        other => b.append_value(other.to_string()),
                    }
                }
                Arc::new(b.finish())
            }
            Kind::Json => {
                let mut b = StringBuilder::new();
                for v in values {
                    match v {
                        Value::Null => b.append_null(),
                        other => b.append_value(other.to_string()),
                    }
                }
                Arc::new(b.finish())
            }
            Kind::Int => {
                let mut b = Int32Builder::new();
                for v in values {
                    b.append_option(v.as_i64().and_then(|n| i32::try_from(n).ok()));
                }
                Arc::new(b.finish())
            }
            Kind::Float => {
                let mut b = Float64Builder::new();
                for v in values {
                    b.append_option(v.as_f64());
                }
                Arc::new(b.finish())
            }
            Kind::List => {
                let mut b = ListBuilder::new(StringBuilder::new());
                for v in values {
                    match v {
                        Value::Array(items) => {
                            for item in items {
                                match item {
                                    Value::String(s) => b.values().append_value(s),
                                    other => b.values().append_value(other.to_string()),
                                }
                            }
                            b.append(true);
                        }
                        _ => b.append(false),
                    }
                }
                Arc::new(b.finish())
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn every_row_field_has_one_column() {
            let names: Vec<&str> = columns().into_iter().map(|(n, _)| n).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(names.len(), unique.len(), "no column twice: {names:?}");
            assert!(names.contains(&"warc_record_id") && names.contains(&"text"));
        }
    }
}
