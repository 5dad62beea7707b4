package dev.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Handoff: guards campaign truth on every handoff between marketing tools. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandoffApplication {

	public static void main(String[] args) {
		SpringApplication.run(HandoffApplication.class, args);
	}
}
