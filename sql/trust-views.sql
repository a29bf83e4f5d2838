-- The trust's dashboard views over trust.weekly (docs/trust.md). Written in SQL that both BigQuery
-- (GoogleSQL) and DuckDB accept, so the offline tests run these very statements on DuckDB. Where the
-- dialects differ: BigQuery wants a WHERE (or GROUP BY / HAVING) beside QUALIFY, hence `WHERE TRUE`;
-- the table's PARTITION BY / CLUSTER BY exist only in BigQuery's DDL (docs/trust.md), not here.

-- Each school's rows for each week, from that week's latest export only: schools append every night,
-- so this is what makes a night run twice, or two nights, count once.
CREATE OR REPLACE VIEW trust.latest AS
SELECT school, week, week_start, dimension, value, count, shown
FROM trust.weekly
WHERE TRUE
QUALIFY export_id = MAX(export_id) OVER (PARTITION BY school, week);

-- Incidents per school per week (a suppressed week has a NULL count and says how it is shown).
CREATE OR REPLACE VIEW trust.school_weeks AS
SELECT school, week, week_start, count AS incidents, shown
FROM trust.latest
WHERE dimension = 'All incidents';

-- Across the trust, per week, dimension and value: the sum of the counts shown exactly, how many schools'
-- counts were suppressed (each between 1 and the threshold minus one), and how many schools reported.
CREATE OR REPLACE VIEW trust.trust_weeks AS
SELECT
  week,
  dimension,
  value,
  SUM(CASE WHEN shown = 'exact' THEN count ELSE 0 END) AS exact_total,
  SUM(CASE WHEN shown = 'exact' THEN 0 ELSE 1 END) AS suppressed_schools,
  COUNT(DISTINCT school) AS schools
FROM trust.latest
GROUP BY week, dimension, value;
