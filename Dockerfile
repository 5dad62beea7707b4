# Handoff as a container: built with the Maven Wrapper, run as a non-root user on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app handoff
WORKDIR /app
COPY --from=build /src/target/handoff.jar /app/handoff.jar
# the shipped contracts and routes; mount your own over them (they are reloaded when they change)
COPY contracts /app/contracts
COPY routes /app/routes
RUN mkdir -p /app/data && chown -R handoff /app/data
USER handoff
ENV HANDOFF_DATA_DIR=/app/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/handoff.jar"]
