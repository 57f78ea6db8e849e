CREATE DATABASE v;
USE v;
CREATE TABLE t_int (
  a tinyint, b tinyint unsigned NOT NULL DEFAULT 7, c smallint(3) zerofill, d mediumint unsigned,
  e int NOT NULL AUTO_INCREMENT, f int(4) unsigned zerofill DEFAULT 12, g bigint DEFAULT -5, h bigint unsigned,
  PRIMARY KEY (e)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;
CREATE TABLE t_dec (
  a decimal(10,2) DEFAULT 3.14, b decimal(5,0) unsigned, c decimal(65,30), d float, e float(7,3) DEFAULT 1.5, f double, g double(10,4) unsigned zerofill, h decimal(10,2) NOT NULL
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;
CREATE TABLE t_str (
  a varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT 'x''y',
  b varchar(300) NOT NULL,
  c char(10) CHARACTER SET latin1 COLLATE latin1_bin,
  d varbinary(16), e binary(4) DEFAULT 'ab',
  f text, g mediumtext CHARACTER SET utf8mb3, h blob, i longblob, j tinytext COMMENT 'tt',
  k enum('a','b','c,d') DEFAULT 'b', l set('x','y','z') DEFAULT 'x,z', m enum('a','b','c,d') NOT NULL,
  n char(5) CHARACTER SET ucs2, o enum('p','q') CHARACTER SET ucs2,
  p varchar(10) COLLATE utf8mb4_unicode_ci,
  KEY k_b (b(100)) COMMENT 'prefix index', UNIQUE KEY (c), FULLTEXT KEY ft (f)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table comment here';
CREATE TABLE t_time (
  a timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  b timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3),
  c datetime DEFAULT '2020-01-02 03:04:05', d datetime(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  e date DEFAULT '2001-02-03', f time(2) DEFAULT '10:11:12.34', g year DEFAULT 2024,
  h timestamp NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB;
CREATE TABLE t_gen (
  a int, b int AS (a+1) VIRTUAL, c varchar(20) AS (concat('x', a)) STORED, d int DEFAULT (a*2),
  e int CHECK (e > 0), f bit(3) DEFAULT b'101', g bit(10), h int NULL,
  INDEX (b), CONSTRAINT chk1 CHECK (a < 100)
) ENGINE=InnoDB;
CREATE TABLE t_inv (a int, b int INVISIBLE, c int) ENGINE=InnoDB;
CREATE TABLE t_vers (a int) WITH SYSTEM VERSIONING ENGINE=InnoDB;
CREATE TABLE t_longc (a int) ENGINE=InnoDB COMMENT='0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789';
CREATE TABLE t_opts (a int PRIMARY KEY, b int, KEY (b) USING HASH) ENGINE=MEMORY MAX_ROWS=100 MIN_ROWS=10 AVG_ROW_LENGTH=50 CHECKSUM=1 COMMENT='x';
CREATE TABLE t_part (a int, b int) ENGINE=InnoDB PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE);
CREATE TABLE t_rowf (a int) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;
CREATE TABLE t_inet (a inet6, b uuid DEFAULT '00000000-0000-0000-0000-000000000001', c inet4) ENGINE=InnoDB;
CREATE TABLE t_geo (a geometry NOT NULL, b point, c polygon, SPATIAL KEY (a)) ENGINE=MyISAM;
CREATE TABLE t_json (a json, b longtext CHECK (json_valid(b))) ENGINE=InnoDB;
CREATE TABLE t_desc (a int, b int, KEY (a DESC, b), UNIQUE KEY u (b) IGNORED) ENGINE=InnoDB;
CREATE TABLE t_nopk (a blob, UNIQUE KEY (a)) ENGINE=MyISAM;
CREATE TABLE t_cs1 (a varchar(5), b varchar(5) CHARACTER SET latin1, c varchar(5) COLLATE latin1_bin) DEFAULT CHARSET=latin1;
CREATE TABLE t_cs2 (a varchar(5), b varchar(5) CHARACTER SET utf8mb4, c varchar(5) COLLATE utf8mb4_bin, d varchar(5) COLLATE utf8mb4_unicode_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE t_pagecomp (a int) ENGINE=InnoDB PAGE_COMPRESSED=1 PAGE_COMPRESSION_LEVEL=3;
