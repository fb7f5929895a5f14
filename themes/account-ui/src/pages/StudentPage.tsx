import { PageSection, Text, TextContent, Title } from "@patternfly/react-core";
import { PropsWithChildren } from "react";

/** The frame of every student page: a level-1 title, a description, then the content. */
export const StudentPage = ({ title, description, children }: PropsWithChildren<{ title: string; description: string }>) => (
  <>
    <PageSection variant="light">
      <TextContent>
        <Title headingLevel="h1" data-testid="page-heading">
          {title}
        </Title>
        <Text component="p">{description}</Text>
      </TextContent>
    </PageSection>
    <PageSection variant="light">{children}</PageSection>
  </>
);
