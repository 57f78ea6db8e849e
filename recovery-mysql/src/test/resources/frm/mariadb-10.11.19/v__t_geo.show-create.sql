CREATE TABLE `t_geo` (
  `a` geometry NOT NULL,
  `b` point DEFAULT NULL,
  `c` polygon DEFAULT NULL,
  SPATIAL KEY `a` (`a`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
