-- The audit trail (data/audit/audit.jsonl), newest first, with the page's filters.
select cast("time" as timestamp) as "time", who, role, via, address, action, subject, detail
from read_json($path, format = 'newline_delimited',
               columns = {"time": 'varchar', who: 'varchar', role: 'varchar', via: 'varchar',
                          address: 'varchar', action: 'varchar', subject: 'varchar', detail: 'varchar'})
where ($action is null or action = $action)
  and ($who is null or who = $who)
  and ($since is null or cast("time" as timestamp) >= cast($since as date))
  and ($until is null or cast("time" as timestamp) < cast($until as date) + interval 1 day)
order by "time" desc
limit coalesce($row_limit, 1000000)
