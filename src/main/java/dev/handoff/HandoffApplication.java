package dev.handoff;

import java.io.PrintWriter;
import java.util.Arrays;

import dev.handoff.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Handoff: guards campaign truth on every handoff between marketing tools; {@code serve}
 * or a check command.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandoffApplication {

	public static void main(String[] args) {
		if (Cli.isCommand(args)) {
			PrintWriter out = new PrintWriter(System.out, true);
			PrintWriter err = new PrintWriter(System.err, true);
			int exit = Cli.run(args, out, err);
			out.flush();
			err.flush();
			System.exit(exit);
		}
		boolean serve = args.length > 0 && args[0].equals("serve");
		SpringApplication.run(HandoffApplication.class, serve ? Arrays.copyOfRange(args, 1, args.length) : args);
	}

}
