//! `openindex schema [release|license|organization|site|index]`: prints a JSON Schema so
//! editors and other tools can validate files and the published data.

use openindex::content::schema;
use openindex::render::data;

/// Which schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The front matter of content/models/<slug>.md.
    Release,
    /// content/licenses/<id>.toml.
    License,
    /// content/orgs/<id>.toml.
    Organization,
    /// site.toml.
    Site,
    /// The published /data/index.json.
    Index,
}

/// Runs the command.
pub fn run(which: Which) -> i32 {
    let v = match which {
        Which::Release => {
            schema::json_schema("Openness Index release front matter", schema::release())
        }
        Which::License => schema::json_schema("Openness Index license file", schema::license()),
        Which::Organization => {
            schema::json_schema("Openness Index organization file", schema::organization())
        }
        Which::Site => schema::json_schema("Openness Index site.toml", schema::site()),
        Which::Index => data::index_schema(),
    };
    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    0
}
