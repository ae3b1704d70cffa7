-- The plan's frequent-outage rules (bench/rules/plan-rules.yaml) in SQL, as of $at (Unix seconds) in the
-- calendar year starting at $year_start, local dates at UTC offset $offset seconds; $meter = '' for every meter.
WITH counted AS (
    SELECT meter_id, floor((epoch("start") + $offset) / 86400)::BIGINT AS day
    FROM outages
    WHERE epoch("start") <= $at AND epoch("start") >= $year_start
      AND coalesce(cause, '') NOT IN ('force_majeure', 'external_damage')
      AND coalesce(epoch("end"), $at) - epoch("start") >= 300
      AND ($meter = '' OR meter_id = $meter)
),
annual AS (
    SELECT meter_id FROM counted GROUP BY meter_id HAVING count(*) > 5
),
rolling AS (
    SELECT meter_id FROM (
        SELECT meter_id, count(*) OVER (PARTITION BY meter_id ORDER BY day RANGE BETWEEN CURRENT ROW AND 59 FOLLOWING) AS n
        FROM counted
    ) GROUP BY meter_id HAVING max(n) > 3
)
SELECT (SELECT count(*) FROM annual) AS frequent_annual, (SELECT count(*) FROM rolling) AS frequent_60d
