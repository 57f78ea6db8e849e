CREATE TABLE `x_enum` (
  `a` enum('it''s','back\\slash','new\nline','tab	x','','é') DEFAULT NULL,
  `b` set('a"b','c') CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT 'a"b'
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
