package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WhenDefinition;

/**
 * One step of a route as its file declares it, read either from the YAML (lint, a reload)
 * or from the model Camel built (start), so that both are judged by the same
 * {@link RouteShape}.
 *
 * @param kind the step's name in the YAML DSL ({@code to}, {@code setBody},
 * {@code choice}, ...)
 * @param uri the endpoint of a {@code to}/{@code toD}/{@code wireTap}, else null
 * @param branches the steps nested in it: one per {@code when} and {@code otherwise} of a
 * choice, one for other steps that hold steps ({@code filter}, {@code split}, ...), none
 * for plain steps
 * @param otherwise true for a choice that has an {@code otherwise} (its last branch)
 */
record Step(String kind, String uri, List<List<Step>> branches, boolean otherwise) {

	static Step plain(String kind, String uri) {
		return new Step(kind, uri, List.of(), false);
	}

	boolean isHandoff(String prefix) {
		return uri != null && uri.startsWith(prefix);
	}

	/** The steps of a YAML route's {@code from}, as SnakeYAML read them. */
	static List<Step> fromYaml(Object steps) {
		List<Step> out = new ArrayList<>();
		if (!(steps instanceof List<?> list)) {
			return out;
		}
		for (Object item : list) {
			if (item instanceof Map<?, ?> map && map.size() == 1) {
				Map.Entry<?, ?> entry = map.entrySet().iterator().next();
				out.add(fromYaml(String.valueOf(entry.getKey()), entry.getValue()));
			}
		}
		return out;
	}

	private static Step fromYaml(String kind, Object value) {
		if ("choice".equals(kind) && value instanceof Map<?, ?> choice) {
			List<List<Step>> branches = new ArrayList<>();
			if (choice.get("when") instanceof List<?> whens) {
				whens.forEach(when -> branches.add(fromYaml(when instanceof Map<?, ?> w ? w.get("steps") : null)));
			}
			Object otherwise = choice.get("otherwise");
			if (otherwise instanceof Map<?, ?> o) {
				branches.add(fromYaml(o.get("steps")));
			}
			return new Step(kind, null, branches, otherwise != null);
		}
		String uri = value instanceof String s ? s
				: value instanceof Map<?, ?> m && m.get("uri") instanceof String s ? s : null;
		if (value instanceof Map<?, ?> m && m.get("steps") != null) {
			return new Step(kind, uri, List.of(fromYaml(m.get("steps"))), false);
		}
		return plain(kind, uri);
	}

	/** The steps of a route Camel built, with property placeholders resolved. */
	static List<Step> fromModel(List<ProcessorDefinition<?>> outputs, CamelContext context) {
		List<Step> out = new ArrayList<>();
		for (ProcessorDefinition<?> output : outputs) {
			// onException, intercept and the like come from the route configuration: they
			// configure, they are not steps
			if (!output.isAbstract()) {
				out.add(fromModel(output, context));
			}
		}
		return out;
	}

	private static Step fromModel(ProcessorDefinition<?> output, CamelContext context) {
		if (output instanceof ChoiceDefinition choice) {
			List<List<Step>> branches = new ArrayList<>();
			for (WhenDefinition when : choice.getWhenClauses()) {
				branches.add(fromModel(when.getOutputs(), context));
			}
			if (choice.getOtherwise() != null) {
				branches.add(fromModel(choice.getOtherwise().getOutputs(), context));
			}
			return new Step("choice", null, branches, choice.getOtherwise() != null);
		}
		String uri = output instanceof SendDefinition<?> send
				? context.resolvePropertyPlaceholders(send.getEndpointUri())
				: output instanceof ToDynamicDefinition dynamic ? dynamic.getUri() : null;
		List<ProcessorDefinition<?>> nested = output.getOutputs();
		return nested == null || nested.isEmpty() ? plain(output.getShortName(), uri)
				: new Step(output.getShortName(), uri, List.of(fromModel(nested, context)), false);
	}
}
