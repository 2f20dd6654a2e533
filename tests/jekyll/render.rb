# Renders posts the way the State's Jekyll site does: Liquid, then Jekyll's kramdown converter
# with Jekyll's defaults (input GFM) and the site's _config.yml (markdown: kramdown, no overrides).
# Usage: ruby render.rb FILE...   -> JSON {path: {"body": html, "chapeau": html}} on stdout.
require "jekyll"
require "json"

site_config = { "markdown" => "kramdown", "timezone" => "Europe/Paris", "quiet" => true }
config = Jekyll::Configuration.from(site_config)
converter = Jekyll::Converters::Markdown.new(config)

def liquid(text, data)
  Liquid::Template.parse(text).render("site" => { "baseurl" => "", "url" => "" }, "page" => data)
rescue StandardError
  text
end

out = {}
ARGV.each do |path|
  raw = File.read(path, encoding: "UTF-8")
  data = {}
  body = raw
  if (match = Jekyll::Document::YAML_FRONT_MATTER_REGEXP.match(raw))
    body = match.post_match
    begin
      data = YAML.safe_load(match[1], permitted_classes: [Date, Time], aliases: true) || {}
    rescue StandardError
      data = {}
    end
  end
  data = {} unless data.is_a?(Hash)
  chapeau = data["chapeau-text"].to_s
  out[path] = {
    "body" => converter.convert(liquid(body, data)),
    "chapeau" => chapeau.empty? ? "" : converter.convert(chapeau),
  }
end
puts JSON.generate(out)
