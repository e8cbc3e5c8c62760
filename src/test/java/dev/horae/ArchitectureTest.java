package dev.horae;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The boundaries of DESIGN.md, executable. */
@AnalyzeClasses(packages = "dev.horae", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule features_do_not_form_cycles =
      slices().matching("dev.horae.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule the_kernel_depends_on_no_feature =
      noClasses().that().resideInAPackage("dev.horae.shared..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.horae.schedule..", "dev.horae.event..", "dev.horae.participation..", "dev.horae.tenant..", "dev.horae.api..");

  @ArchTest
  static final ArchRule schedules_know_nothing_of_events =
      noClasses().that().resideInAPackage("dev.horae.schedule..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.horae.event..", "dev.horae.participation..");

  @ArchTest
  static final ArchRule recurrence_is_pure_java =
      noClasses().that().resideInAPackage("dev.horae.recurrence..")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.horae.api..", "dev.horae.event..",
              "dev.horae.schedule..", "dev.horae.storage..", "dev.horae.tenant..");

  @ArchTest
  static final ArchRule availability_is_pure_java =
      noClasses().that().resideInAPackage("dev.horae.availability..")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.horae.api..", "dev.horae.event..",
              "dev.horae.schedule..", "dev.horae.storage..", "dev.horae.tenant..", "dev.horae.connection..");

  @ArchTest
  static final ArchRule only_the_recurrence_package_touches_lib_recur =
      noClasses().that().resideOutsideOfPackage("dev.horae.recurrence..")
          .should().dependOnClassesThat().resideInAPackage("org.dmfs..");

  @ArchTest
  static final ArchRule provider_adapters_keep_their_types =
      noClasses().that().resideOutsideOfPackage("dev.horae.connection.caldav..")
          .should().dependOnClassesThat().resideInAPackage("dev.horae.connection.caldav..");

  @ArchTest
  static final ArchRule the_microsoft_adapter_keeps_its_types =
      noClasses().that().resideOutsideOfPackage("dev.horae.connection.microsoft..")
          .should().dependOnClassesThat().resideInAPackage("dev.horae.connection.microsoft..");

  @ArchTest
  static final ArchRule the_ics_feed_adapter_keeps_its_types =
      noClasses().that().resideOutsideOfPackage("dev.horae.connection.ics..")
          .should().dependOnClassesThat().resideInAPackage("dev.horae.connection.ics..");

  /** The engine sees providers only through the account port: no OAuth session, token or adapter in it. */
  @ArchTest
  static final ArchRule the_engine_reaches_accounts_through_the_port =
      noClasses().that().resideInAnyPackage("dev.horae.connection", "dev.horae.connection.sync..", "dev.horae.connection.export..",
              "dev.horae.connection.push..", "dev.horae.connection.account..")
          .should().dependOnClassesThat().haveSimpleName("OAuthAccounts").orShould().dependOnClassesThat().haveNameMatching(".*OAuthAccounts\\$.*");

  @ArchTest
  static final ArchRule the_google_adapter_keeps_its_types =
      noClasses().that().resideOutsideOfPackage("dev.horae.connection.google..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.horae.connection.google..", "com.google.api..");

  @ArchTest
  static final ArchRule domain_code_reads_the_injected_clock =
      noClasses().should().callMethod(java.time.Instant.class, "now")
          .orShould().callMethod(java.time.LocalDateTime.class, "now")
          .orShould().callMethod(java.time.OffsetDateTime.class, "now");
}
