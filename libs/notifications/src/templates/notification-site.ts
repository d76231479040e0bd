/** Deployment settings every notification needs. */
export interface NotificationSite {
  /** Where customers and agents open Firsthand, e.g. https://help.example.com */
  publicBaseUrl: string;
  /** IANA time zone that promised times are written in, e.g. Asia/Shanghai */
  timeZone: string;
}
