select region_id, adcode, name_zh, name_en, level, parent_id, host_id from regions order by region_id
