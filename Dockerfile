# syntax=docker/dockerfile:1

# Build with the Maven wrapper on a JDK, then extract Boot's layers
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests
RUN cp target/amqp-patterns-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Run on a JRE, as a user without privileges, one layer per COPY (dependencies change least)
FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --no-create-home app
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER app
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["java", "-cp", "application.jar", "io.github.amqppatterns.ReadinessCheck"]
ENTRYPOINT ["java", "-jar", "application.jar"]
