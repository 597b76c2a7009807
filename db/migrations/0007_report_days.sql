CREATE TABLE `report_days` (
	`day` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`facts` text NOT NULL
);
