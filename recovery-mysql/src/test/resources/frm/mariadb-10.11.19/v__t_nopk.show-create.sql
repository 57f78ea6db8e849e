CREATE TABLE `t_nopk` (
  `a` blob DEFAULT NULL,
  UNIQUE KEY `a` (`a`) USING HASH
) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
