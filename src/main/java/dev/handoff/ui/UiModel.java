package dev.handoff.ui;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import dev.handoff.api.ConflictException;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.BadRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every UI page has (who is signed in, the form token, what their role lets them do)
 * and how the UI answers an error: with a page in plain words, not the API's problem
 * JSON.
 */
@ControllerAdvice(basePackageClasses = UiModel.class)
// ahead of the API's handler, which would otherwise answer the UI's errors with JSON
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiModel {

	static final UiFormat FORMAT = new UiFormat();

	@ModelAttribute
	void common(HttpServletRequest request, org.springframework.ui.Model model) {
		model.addAllAttributes(common(request));
	}

	static Map<String, Object> common(HttpServletRequest request) {
		Caller me = UiSession.caller(request);
		Map<String, Object> common = new HashMap<>();
		// null before sign-in: the layout shows the top bar only to someone signed in
		common.put("me", me);
		common.put("signedIn", me != null);
		common.put("csrf", UiSession.csrf(request));
		common.put("canOperate", me != null && me.may(Role.OPERATOR));
		common.put("canApprove", me != null && me.may(Role.APPROVER));
		common.put("fmt", FORMAT);
		return common;
	}

	/**
	 * Times in the queue filter come from a browser's date-time field (taken as UTC), a
	 * date, or an ISO instant.
	 */
	@InitBinder
	void instants(WebDataBinder binder) {
		binder.registerCustomEditor(Instant.class, new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				setValue(instant(text));
			}
		});
	}

	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
				return OffsetDateTime.parse(value).toInstant();
			}
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException("'" + value + "' is not a date and time (e.g. 2027-03-02T08:15)");
		}
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException e, HttpServletRequest request) {
		return problem(request, HttpStatus.NOT_FOUND, "Not found",
				"There is no " + e.what() + " '" + e.id() + "'. It may have been mistyped.");
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException e, HttpServletRequest request) {
		return problem(request, HttpStatus.CONFLICT, "Not possible any more", e.getMessage());
	}

	@ExceptionHandler({ BadRequest.class, IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
			BindException.class, MissingServletRequestParameterException.class })
	ModelAndView badRequest(Exception e, HttpServletRequest request) {
		return problem(request, HttpStatus.BAD_REQUEST, "That did not work", plain(e));
	}

	/**
	 * Spring's binding messages name Java types; a person needs the field and the value.
	 */
	private static String plain(Exception e) {
		if (e instanceof BindException bind && bind.getFieldError() != null) {
			return "'" + bind.getFieldError().getRejectedValue() + "' is not a valid value for "
					+ bind.getFieldError().getField() + (bind.getFieldError().getField().matches("since|until")
							? " (a date and time, e.g. 2027-03-02T08:15)" : "")
					+ ".";
		}
		if (e instanceof MethodArgumentTypeMismatchException mismatch) {
			return "'" + mismatch.getValue() + "' is not a valid value for " + mismatch.getName() + ".";
		}
		return e.getMessage();
	}

	static ModelAndView problem(HttpServletRequest request, HttpStatus status, String title, String detail) {
		ModelAndView page = new ModelAndView("ui/problem", status);
		page.addAllObjects(common(request));
		page.addObject("heading", title);
		page.addObject("detail", detail);
		page.addObject("status", status.value());
		return page;
	}

}
