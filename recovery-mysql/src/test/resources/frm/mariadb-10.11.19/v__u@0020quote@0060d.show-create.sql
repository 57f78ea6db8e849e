CREATE TABLE `u quote``d` (
  `co``l` int(11) DEFAULT NULL COMMENT 'it''s',
  KEY `k``1` (`co``l`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci COMMENT='a\\b'
