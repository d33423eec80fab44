package org.medassist.launcher.services;

/**
 * Which service, where its build lives and which class starts it.
 *
 * @param name       the module and artifact name, e.g. {@code settlement-service}
 * @param mainClass  the class with {@code static ApplicationContext start(Map<String,Object>)}
 */
public record ServiceSpec(String name, String mainClass) {

    public static final ServiceSpec ELIGIBILITY =
            new ServiceSpec("eligibility-service", "org.medassist.eligibility.EligibilityApplication");
    public static final ServiceSpec SETTLEMENT =
            new ServiceSpec("settlement-service", "org.medassist.settlement.SettlementApplication");
    /** The monitoring offices' service and page (docs/dashboard-service.md). */
    public static final ServiceSpec DASHBOARD =
            new ServiceSpec("dashboard-service", "org.medassist.dashboard.DashboardApplication");

    /** The same service started by another class (--eligibility-class / --settlement-class). */
    public ServiceSpec withMainClass(String otherClass) {
        return new ServiceSpec(name, otherClass);
    }
}
