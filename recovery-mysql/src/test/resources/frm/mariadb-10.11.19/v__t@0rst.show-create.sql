CREATE TABLE `tëst` (
  `cöl` varchar(5) DEFAULT 'ü' COMMENT 'cömment',
  KEY `kéy` (`cöl`) COMMENT 'kç'
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci COMMENT='tçomment'
