export * from "./audit-log";
export * from "./customers";
export * from "./email-outbox";
export * from "./enums";
export * from "./invoices";
export * from "./payments";
export * from "./stripe";
export * from "./users";
