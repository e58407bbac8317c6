val ktorVersion by extra("2.3.12")
extra["guavaVersion"] = "32.1.3-jre"
