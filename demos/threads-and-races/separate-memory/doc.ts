export interface Doc {
  title: string;
  tags: string[];
}
