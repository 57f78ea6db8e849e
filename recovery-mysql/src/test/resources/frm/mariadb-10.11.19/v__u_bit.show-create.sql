CREATE TABLE `u_bit` (
  `a` int(11) DEFAULT NULL,
  `b` bit(3) DEFAULT b'11',
  `c` bit(12) NOT NULL DEFAULT b'111100001111',
  `d` int(11) DEFAULT NULL
) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
