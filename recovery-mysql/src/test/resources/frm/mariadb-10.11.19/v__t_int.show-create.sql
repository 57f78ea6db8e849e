CREATE TABLE `t_int` (
  `a` tinyint(4) DEFAULT NULL,
  `b` tinyint(3) unsigned NOT NULL DEFAULT 7,
  `c` smallint(3) unsigned zerofill DEFAULT NULL,
  `d` mediumint(8) unsigned DEFAULT NULL,
  `e` int(11) NOT NULL AUTO_INCREMENT,
  `f` int(4) unsigned zerofill DEFAULT 0012,
  `g` bigint(20) DEFAULT -5,
  `h` bigint(20) unsigned DEFAULT NULL,
  PRIMARY KEY (`e`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
