import { PageSection, Text, TextContent, Title } from "@patternfly/react-core";
import type { ReactNode } from "react";

/**
 * The frame of a page of either app: its level-1 heading (what the browser tests wait for), a line on what the page
 * is for, then its content.
 */
export const PageFrame = ({
  title,
  intro,
  light = false,
  children,
}: {
  title: string;
  intro: string;
  /** Content on the light background (the account console's look) instead of the page's default. */
  light?: boolean;
  children: ReactNode;
}) => (
  <>
    <PageSection variant="light">
      <TextContent>
        <Title headingLevel="h1" data-testid="page-heading">
          {title}
        </Title>
        <Text component="p">{intro}</Text>
      </TextContent>
    </PageSection>
    <PageSection variant={light ? "light" : "default"}>{children}</PageSection>
  </>
);
