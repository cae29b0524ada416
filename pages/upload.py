"""Upload actuals: check, preview, confirm; nothing is written before confirmation."""

import streamlit as st

from dashboard import data, gap
from dashboard.i18n import shown, t
from dashboard.ui import current_language
from etl import actuals, export, ingest
from etl.upload import MAX_BYTES, sheet_names, template

lang = current_language()
st.title(t("upload", lang))
st.caption("CSV（UTF-8 / GBK）或 Excel .xlsx；列：地区、指标、年份、数值、单位（可选：口径、来源、备注），"
           "或每年一列。CSV (UTF-8/GBK) or .xlsx; columns region, indicator, year, value, unit, or one column per year. "
           f"≤ {MAX_BYTES // 1024 // 1024} MB.")
left, right, _ = st.columns([1, 1, 3])
left.download_button("模板 Template CSV", lambda: export.to_bytes(template(data.targets(), data.indicators()), "csv"),
                     "actuals_template.csv", "text/csv", on_click="ignore")
right.download_button("模板 Template XLSX", lambda: export.to_bytes(template(data.targets(), data.indicators()), "xlsx"),
                      "actuals_template.xlsx", on_click="ignore")

uploaded = st.file_uploader("文件 File", type=["csv", "xlsx"], key="actuals_file")
if uploaded is not None:
    content = uploaded.getvalue()  # read once: a second read returns nothing
    sheets = sheet_names(content) if uploaded.name.lower().endswith(".xlsx") else []
    sheet = st.selectbox("工作表 Sheet", sheets) if len(sheets) > 1 else None
    result, preview = ingest.check(content, uploaded.name, sheet, data.actuals())
    st.write(f"编码 encoding: `{result.encoding}` · 布局 layout: `{result.layout}` · "
             f"可导入 good rows: **{len(result.rows)}** · 拒绝 rejected rows: **{len(result.rejected_rows)}**")
    if result.problems:
        st.error(f"{len(result.problems)} 个问题 problems")
        st.dataframe(result.problems_frame(), hide_index=True, key="problems")
    if len(preview):
        st.subheader("预览 Preview")
        st.dataframe(shown(preview.assign(action=preview["action"].map(lambda a: t("action_" + a, lang))),
                           lang, ["action", "source_row", "region_id", "indicator_id", "year", "value",
                                  "unit", "previous_value", "previous_source", "value_raw", "unit_raw",
                                  "note"]), hide_index=True, key="preview")
    only_good = False
    if result.problems and not result.file_problems and len(result.rows):
        only_good = st.checkbox("只导入通过检查的行 Import only the good rows", key="only_good")
    note = st.text_input("备注 Note (kept with the batch)", max_chars=200, key="batch_note")
    can_save = len(result.rows) > 0 and not result.file_problems and (only_good or not result.problems)
    if st.button("确认导入 Confirm", type="primary", disabled=not can_save, key="confirm"):
        try:
            batch_id = ingest.save(result, preview, uploaded.name, content, note)
        except (actuals.ActualsBusy, actuals.AlreadyStored) as error:
            st.warning(str(error))
        else:
            st.success(f"已保存批次 Saved batch {batch_id}: {len(result.rows)} rows")
            st.page_link("pages/gap.py", label=t("gap", lang))

unmatched = gap.unmatched_actuals(data.targets(), data.actuals())
if len(unmatched):
    with st.expander(t("unmatched_actuals", lang).format(n=len(unmatched))):
        st.caption(t("unmatched_help", lang))
        regions = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]
        shown_rows = unmatched.assign(region_name=unmatched["region_id"].map(regions),
                                      indicator_name=unmatched["indicator_id"].map(
                                          data.indicators().set_index("indicator_id")[
                                              "name_en" if lang == "en" else "name_zh"]),
                                      why_unmatched=unmatched["reason"].map(lambda r: t(r, lang)))
        st.dataframe(shown(shown_rows, lang, ["region_name", "indicator_name", "year", "value", "unit",
                                              "source_file", "source_row", "why_unmatched"]),
                     hide_index=True)
st.subheader("已导入批次 Batches")
batches = actuals.batches()
if len(batches):
    st.dataframe(batches, hide_index=True, key="batches")
    live = batches.loc[~batches["is_undone"], "batch_id"].tolist()
    if live:
        chosen = st.selectbox("撤销批次 Undo a batch", live, key="undo_choice")
        if st.button("撤销 Undo", key="undo"):
            actuals.undo_batch(chosen)
            st.rerun()
else:
    st.caption("尚无上传 No uploads yet.")
