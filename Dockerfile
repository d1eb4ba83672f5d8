# The service's image: built with the Maven wrapper on a JDK, run on a JRE. The base images are build
# arguments, the official Eclipse Temurin ones unless JDK_IMAGE and JRE_IMAGE name others (CI builds
# its own from Debian's packages: .ci/images/build).
ARG JDK_IMAGE
ARG JRE_IMAGE

# Build with the Maven wrapper, then extract Boot's layers
FROM ${JDK_IMAGE:-eclipse-temurin:17-jdk} AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -Dmaven.test.skip=true
RUN cp target/amqp-patterns-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Run on a JRE, as a user without privileges, one layer per COPY (dependencies change least)
FROM ${JRE_IMAGE:-eclipse-temurin:17-jre}
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
