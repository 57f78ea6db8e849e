CREATE TABLE `t_cs1` (
  `a` varchar(5) DEFAULT NULL,
  `b` varchar(5) DEFAULT NULL,
  `c` varchar(5) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
