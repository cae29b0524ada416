"""Everything the pages need besides Streamlit widgets: calculations, charts, export, text."""
