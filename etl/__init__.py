"""ETL for science-and-technology innovation targets: plan documents -> DuckDB."""
