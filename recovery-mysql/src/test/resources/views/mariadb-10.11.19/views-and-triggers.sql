-- Views and triggers for the dbrecover view/trigger fixtures (our own data).
CREATE DATABASE w;
CREATE TABLE t1 (a int, b varchar(20), c decimal(10,2));
CREATE TABLE t2 (id int PRIMARY KEY, note text);
CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, what varchar(200), at datetime);
CREATE VIEW v_plain AS SELECT a, b FROM t1;
CREATE ALGORITHM=MERGE VIEW v_merge AS SELECT a FROM t1 WHERE a > 1;
CREATE ALGORITHM=TEMPTABLE VIEW v_temp AS SELECT b, count(*) AS n FROM t1 GROUP BY b;
CREATE SQL SECURITY INVOKER VIEW v_invoker AS SELECT * FROM t2;
CREATE VIEW v_cols (x, `y z`) AS SELECT a, b FROM t1;
CREATE VIEW v_check AS SELECT a FROM t1 WHERE a < 10 WITH CHECK OPTION;
CREATE VIEW v_local AS SELECT a FROM v_check WHERE a > 0 WITH LOCAL CHECK OPTION;
CREATE VIEW v_quotes AS SELECT 'it''s' AS q, 'back\\slash' AS bs, 'line1\nline2' AS nl, 'tab\there' AS tb, "dq\"x" AS dq, 'ünïcödé €' AS u, _latin1'lat' AS l, 0x41 AS h;
CREATE VIEW `v odd``name` AS SELECT 1 AS `col``q`;
CREATE VIEW v_join AS SELECT t1.a, t2.note FROM t1 JOIN t2 ON t1.a = t2.id
  UNION ALL SELECT 0, 'none';
CREATE DEFINER=`some user`@`10.0.%` VIEW v_definer AS SELECT a FROM t1;
CREATE VIEW v_func AS SELECT concat(b, '-', a) AS s, now() AS t, json_object('k', a) AS j FROM t1;
CREATE VIEW v_sub AS SELECT a FROM t1 WHERE a IN (SELECT id FROM t2) ORDER BY a LIMIT 5;

DELIMITER ;;
CREATE TRIGGER t1_bi BEFORE INSERT ON t1 FOR EACH ROW SET NEW.b = upper(NEW.b);;
CREATE TRIGGER t1_bi2 BEFORE INSERT ON t1 FOR EACH ROW FOLLOWS t1_bi SET NEW.c = coalesce(NEW.c, 0);;
CREATE TRIGGER t1_ai AFTER INSERT ON t1 FOR EACH ROW
BEGIN
  -- a comment; with a semicolon
  INSERT INTO audit (what, at) VALUES (concat('insert ''', NEW.b, ''';'), now());
  IF NEW.a > 100 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'too big; really';
  END IF;
END;;
CREATE TRIGGER t1_bu BEFORE UPDATE ON t1 FOR EACH ROW SET NEW.b = concat(OLD.b, '\n', "x\\y");;
CREATE DEFINER=`trig user`@`%` TRIGGER t1_ad AFTER DELETE ON t1 FOR EACH ROW INSERT INTO audit (what) VALUES ('deleted ü');;
SET sql_mode='ANSI_QUOTES,PIPES_AS_CONCAT';;
CREATE TRIGGER t2_bi BEFORE INSERT ON t2 FOR EACH ROW SET NEW.note = NEW.note || '!';;
SET sql_mode=DEFAULT;;
CREATE TRIGGER t2_au AFTER UPDATE ON t2 FOR EACH ROW BEGIN DECLARE x int DEFAULT 1; SET x = x + 1; END;;
CREATE TRIGGER `t2 odd``trg` AFTER UPDATE ON t2 FOR EACH ROW PRECEDES t2_au BEGIN END;;
DELIMITER ;
CREATE TABLE `odd tbl` (a int);
CREATE TRIGGER `odd_bi` BEFORE INSERT ON `odd tbl` FOR EACH ROW SET NEW.a = NEW.a + 1;
CREATE TABLE esc (a varchar(50));
CREATE TRIGGER esc_bi BEFORE INSERT ON esc FOR EACH ROW SET NEW.a = concat('cr|', 'ctrlz|', 'bs\\|', 'q\'|');
