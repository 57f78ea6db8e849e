CREATE TABLE `u_fdefault` (
  `a` varchar(5) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT 'é'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
