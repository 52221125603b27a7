/** The zone names @touch4it/ical-timezones has a VTIMEZONE for (name → file); the package declares no types for it. */
declare module '@touch4it/ical-timezones/zones.js' {
  const zones: Record<string, string>;
  export default zones;
}
