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
        Which::Release => schema::json_schema(
            "Openness Index release front matter",
            schema::Format::Release.fields(),
        ),
        Which::License => schema::json_schema(
            "Openness Index license file",
            schema::Format::License.fields(),
        ),
        Which::Organization => schema::json_schema(
            "Openness Index organization file",
            schema::Format::Organization.fields(),
        ),
        Which::Site => {
            schema::json_schema("Openness Index site.toml", schema::Format::Site.fields())
        }
        Which::Index => data::index_schema(),
    };
    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    0
}
